/**
 * What the email benchmarks share: a fresh PostgreSQL with the demo organisation, the Resend
 * stand-in limited to 2 requests a second (Resend's default), and the real worker process
 * started on demand; all of it removed afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startResendStandIn, type StandIn } from "../../e2e/support/resend-stand-in";
import { createDatabase, type Database } from "../../server/db/client";
import { seedDemo, type DemoInstallation } from "../../server/demo/seed-demo";
import { stopEnqueueing } from "../../server/jobs/enqueue";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";

export interface EmailBenchInstallation {
  db: Database;
  demo: DemoInstallation;
  standIn: StandIn;
  appUrl: string;
  /** Starts the worker (pg-boss, the real Resend SDK) against this database and the stand-in. */
  startWorker: () => void;
}

export async function withEmailBenchInstallation<T>(
  name: string,
  run: (installation: EmailBenchInstallation) => Promise<T>,
): Promise<T> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `medtech-bench-${name}-`));
  // As root, PostgreSQL runs as "postgres", which must be able to enter this folder.
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  const apiKey = "re_bench_stand_in";
  const standIn = await startResendStandIn({ apiKey, requestsPerSecond: 2 });
  // Every worker process started (several share one email budget through PostgreSQL).
  const workers: ChildProcess[] = [];
  try {
    await pg.createDatabase(name);
    const url = pg.urlFor(name);
    const appUrl = "https://academy.example";
    // The tRPC caller's handlers read the environment: point it at this database before anything does.
    Object.assign(process.env, {
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: appUrl,
    });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 8 });
    try {
      const demo = (await seedDemo(db))!;
      const startWorker = () => {
        const worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
          env: {
            ...process.env,
            RESEND_API_KEY: apiKey,
            RESEND_BASE_URL: standIn.url,
            RESEND_REQUESTS_PER_SECOND: "2",
            EMAIL_FROM: "Bench <bench@academy.example>",
          },
          stdio: ["ignore", "ignore", "inherit"],
        });
        workers.push(worker);
      };
      return await run({ db, demo, standIn, appUrl, startWorker });
    } finally {
      await close();
    }
  } finally {
    for (const running of workers) {
      if (running.exitCode !== null) continue;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
    }
    await standIn.close();
    // The bench's own calls queued jobs through this process's connection: closed before the database.
    await stopEnqueueing();
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
