/**
 * `npm run bench -- --uploads`: no work before identity, against the production server (`npm
 * start` on a fresh database with the demo organisation and its board):
 *  - a signed-out 25 MB upload to a board post's file route, sent as fast as the server takes it:
 *    the time to its answer, p50/p95 of 50; the reference in the same run is /api/health alone;
 *  - /api/health while eight such uploads run at once, over and over: p50/p95 of 200 requests, and
 *    its ratio to /api/health alone.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDatabase } from "../../server/db/client";
import { seedDemo } from "../../server/demo/seed-demo";
import { seedDemoBoards } from "../../server/demo/seed-demo-boards";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";
import { startProductionServer, stop, summary } from "./measure";

const uploadBytes = 25 * 1024 * 1024;
const chunk = Buffer.alloc(256 * 1024, 0x61);

/** A signed-out upload of 25 MB, written as fast as the server reads it: milliseconds to the answer, and its status. */
function anonymousUpload(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(uploadBytes) },
    });
    request.on("response", (response) => {
      answered = true;
      resolve({ ms: performance.now() - started, status: response.statusCode ?? 0 });
      response.resume();
      request.destroy();
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    let sent = 0;
    const pump = () => {
      while (!answered && sent < uploadBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

async function healthTimes(base: string, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/health`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchUploads(options: { rebuild: boolean }): Promise<Record<string, unknown>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-uploads-"));
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  let server: ChildProcess | null = null;
  try {
    await pg.createDatabase("uploads");
    const url = pg.urlFor("uploads");
    Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url") });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 2 });
    const demo = (await seedDemo(db))!;
    await seedDemoBoards(db, demo);
    await close();

    const started = await startProductionServer({ rebuild: options.rebuild, env: { UPLOAD_DIR: workDir } });
    server = started.server;
    const base = started.base;
    const uploadUrl = () => `${base}/api/boards/${randomUUID()}/posts/${randomUUID()}/files`;

    // Warm both paths, then the reference and the signed-out upload, one at a time.
    await healthTimes(base, 20);
    for (let i = 0; i < 5; i++) await anonymousUpload(uploadUrl());
    const healthAlone = await healthTimes(base, 200);
    const answers: number[] = [];
    const statuses = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const { ms, status } = await anonymousUpload(uploadUrl());
      answers.push(ms);
      statuses.add(status);
    }

    // /api/health while eight signed-out uploads run at once, again and again.
    let flooding = true;
    let floodUploads = 0;
    const flood = Array.from({ length: 8 }, async () => {
      while (flooding) {
        await anonymousUpload(uploadUrl());
        floodUploads += 1;
      }
    });
    const healthDuringFlood = await healthTimes(base, 200);
    flooding = false;
    await Promise.all(flood);

    const alone = summary(healthAlone);
    const during = summary(healthDuringFlood);
    return {
      signed_out_25mb_upload_answer: { ...summary(answers), statuses: [...statuses] },
      health_alone: alone,
      health_during_8_concurrent_signed_out_uploads: { ...during, uploads_answered_meanwhile: floodUploads },
      health_p95_during_to_alone_ratio: Number((during.p95_ms / alone.p95_ms).toFixed(2)),
    };
  } finally {
    if (server) await stop(server);
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
