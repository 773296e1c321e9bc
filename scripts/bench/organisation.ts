/**
 * `npm run bench -- --organisation [N]`: importing N customers (10,000 by default) from CSV into a
 * new installation, set up as a real one is, with the real worker:
 *  - the dry run (every line checked against the tree and the admin's scope), through the caller;
 *  - the answer to the click (the import re-plans the file and records the operation with its
 *    items and job), through the caller;
 *  - the whole run: from the click to the operation marked finished by a worker process;
 *  - the reference, in the same run: the same number of nodes and their audit entries written
 *    with one statement each, the floor of any import.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { createCaller } from "../../server/api/root";
import { createInnerContext } from "../../server/api/trpc";
import { createDatabase } from "../../server/db/client";
import { auditLog, bulkOperations, nodes, settings } from "../../server/db/schema";
import { setUpInstallation } from "../../server/installation/set-up";
import { stopEnqueueing } from "../../server/jobs/enqueue";
import { insertNode } from "../../server/organisation/nodes";
import { stop } from "./measure";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

export async function benchOrganisationImport(customers: number): Promise<Record<string, unknown>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-org-"));
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  try {
    await pg.createDatabase("org");
    const url = pg.urlFor("org");
    const secret = randomBytes(32).toString("base64url");
    Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: secret });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 4 });
    const { adminId, ownerId } = await setUpInstallation(
      db,
      { appUrl: "http://localhost:3000", secret },
      { ownerName: "Bench Medical", adminEmail: "admin@bench.example", adminFirstName: "Bea", adminLastName: "Bench" },
    );
    await db.update(settings).set({ requireTwoFactorForOwnerAdmins: false }).where(eq(settings.id, true));
    const market = await insertNode(db, { kind: "market", parentId: ownerId, name: "Nordics" });
    await db.update(nodes).set({ externalId: "M-NORD" }).where(eq(nodes.id, market.id));

    const csv = [
      "kind,name,external_id,parent_external_id,parent_path,description",
      ...Array.from({ length: customers }, (_, i) => `customer,Hospital ${i + 1},C-${i + 1},M-NORD,,Bench customer`),
    ].join("\n");
    const caller = createCaller(
      createInnerContext({ db, sessionUserId: adminId, ip: "192.0.2.1", userAgent: "bench", source: "http" }),
    );

    // The worker of a real installation, started before the click.
    const worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, AUTH_SECRET: secret },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      worker.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("[worker] ready")) resolve();
      });
      worker.on("exit", () => reject(new Error("the worker stopped before it was ready")));
    });

    let started = performance.now();
    const check = await caller.organisation.importCheck({ csv });
    const dryRunMs = performance.now() - started;
    if (check.create !== customers) throw new Error(`the dry run planned ${check.create} creations`);

    started = performance.now();
    const { operationId } = await caller.organisation.import({ csv, requestKey: `bench-${randomUUID()}` });
    const clickMs = performance.now() - started;
    for (;;) {
      const [operation] = await db
        .select({ finishedAt: bulkOperations.finishedAt })
        .from(bulkOperations)
        .where(eq(bulkOperations.id, operationId));
      if (operation?.finishedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const wholeRunMs = performance.now() - started;
    const [{ created }] = (await db.execute<{ created: number }>(
      sql`select count(*)::int as created from nodes where kind = 'customer'`,
    )) as unknown as [{ created: number }];
    await stop(worker);

    // The floor: the same nodes and entries, one statement each.
    const ids = Array.from({ length: customers }, () => randomUUID());
    started = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < customers; i += 1_000)
        await tx.insert(nodes).values(
          ids.slice(i, i + 1_000).map((id, j) => ({
            id,
            kind: "customer" as const,
            parentId: market.id,
            path: `${market.path}${id}/`,
            name: `Floor hospital ${i + j + 1}`,
            externalId: `F-${i + j + 1}`,
          })),
        );
      for (let i = 0; i < customers; i += 1_000)
        await tx.insert(auditLog).values(
          ids.slice(i, i + 1_000).map((id) => ({
            actorId: adminId,
            ip: null,
            action: "node.created",
            targetType: "node",
            targetId: id,
            after: { kind: "customer" },
          })),
        );
    });
    const floorMs = performance.now() - started;

    await stopEnqueueing();
    await close();
    return {
      customers,
      created,
      dry_run_s: seconds(dryRunMs),
      answer_to_the_click_ms: Math.round(clickMs),
      whole_run_s: seconds(wholeRunMs),
      floor_one_statement_per_1000_s: seconds(floorMs),
      whole_run_to_floor_ratio: Number((wholeRunMs / floorMs).toFixed(1)),
    };
  } finally {
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
