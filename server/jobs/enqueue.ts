import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss } from "pg-boss";
import type { DbOrTx } from "../db/client";
import { env } from "../env";
import type { Enqueueable } from "../../workers/job";

// The app's own pg-boss instance only enqueues: no maintenance, no cron, no schema migration
// (the worker and the migrate step own those). One per process, kept across hot reloads.
const globalForBoss = globalThis as unknown as { enqueueBoss?: Promise<PgBoss> };

function enqueueBoss(): Promise<PgBoss> {
  globalForBoss.enqueueBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      max: 2,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    boss.on("error", (error) => console.error("[pg-boss]", error));
    await boss.start();
    return boss;
  })();
  return globalForBoss.enqueueBoss;
}

/**
 * Queues a job inside the caller's transaction: it exists exactly when the change that caused it
 * commits. The job is named by its definition (workers/<job>.ts), whose schema checks the payload
 * here as the worker will. `singletonKey` makes a second enqueue of the same work a no-op.
 */
export async function enqueue<Payload>(
  tx: DbOrTx,
  job: Enqueueable<Payload>,
  payload: NoInfer<Payload>,
  // startAfter: not before this time (a scheduled unlock, say).
  options: { singletonKey?: string; startAfter?: Date } = {},
): Promise<void> {
  const data = job.payload.parse(payload);
  const boss = await enqueueBoss();
  await boss.send(job.queue, data as object, { ...options, db: fromDrizzle(tx, sql) });
}

/** Queues many jobs of one definition inside the caller's transaction, in one statement. */
export async function enqueueMany<Payload>(
  tx: DbOrTx,
  job: Enqueueable<Payload>,
  payloads: NoInfer<Payload>[],
): Promise<void> {
  if (payloads.length === 0) return;
  const jobs = payloads.map((payload) => ({ data: job.payload.parse(payload) as object }));
  const boss = await enqueueBoss();
  await boss.insert(job.queue, jobs, { db: fromDrizzle(tx, sql) });
}

/** Closes this process's enqueueing connection (a script about to stop its database calls it first). */
export async function stopEnqueueing(): Promise<void> {
  const started = globalForBoss.enqueueBoss;
  globalForBoss.enqueueBoss = undefined;
  if (started) await (await started).stop({ graceful: false });
}
