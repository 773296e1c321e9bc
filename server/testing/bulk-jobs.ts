import { asc, eq, sql } from "drizzle-orm";
import { runBulkChunk } from "../bulk/run-chunk";
import type { Database } from "../db/client";
import { bulkOperationItems } from "../db/schema";
import { bulkOperationJob } from "../../workers/bulk-operation";

const deps = {
  links: { appUrl: "https://academy.example", secret: "test-secret-of-at-least-32-characters!!" },
  uploadDir: ".data/test-uploads",
};

/**
 * Does an operation's queued chunk jobs as a worker would (taking them off the queue), so a test
 * sees what the workers would have done. The worker's own loop is tested end to end elsewhere.
 */
export async function runBulkJobs(db: Database, operationId: string): Promise<void> {
  const jobs = await db.execute<{ data: unknown }>(
    sql`delete from pgboss.job where name = 'bulk-operation' and data->>'operationId' = ${operationId} returning data`,
  );
  for (const job of jobs) await runBulkChunk(db, deps, bulkOperationJob.payload.parse(job.data));
}

/** Each item's outcome, in the order of the selection. */
export async function bulkOutcomes(db: Database, operationId: string) {
  const items = await db
    .select()
    .from(bulkOperationItems)
    .where(eq(bulkOperationItems.operationId, operationId))
    .orderBy(asc(bulkOperationItems.position));
  return items.map((item) => ({
    targetId: item.targetId,
    label: item.label,
    ok: item.status === "done",
    status: item.status,
    message: item.message,
  }));
}

/** Starts an operation through a procedure, does its jobs, and returns each item's outcome. */
export async function completeBulk(db: Database, started: Promise<{ operationId: string }>) {
  const { operationId } = await started;
  await runBulkJobs(db, operationId);
  return { operationId, outcomes: await bulkOutcomes(db, operationId) };
}

let keys = 0;
/** A fresh request key for each press of a button in a test. */
export const requestKey = () => `test-key-${Date.now()}-${++keys}`;
