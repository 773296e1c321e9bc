import type { Job } from "pg-boss";
import { deliverOutboxBatch, type Sender } from "../server/email/deliver";
import type { Database } from "../server/db/client";
import { jobPayloads } from "../server/jobs/queues";

/**
 * Delivers queued outbox emails: pg-boss hands over up to 100 jobs at a time, which go to the
 * provider in one batch call. Idempotent per outbox row and per call (see deliverOutboxBatch), so
 * retries, a second worker or a killed one never send an email twice. A malformed job is dropped.
 */
export function sendEmailHandler(deps: { db: Database; sender: Sender }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    const ids: string[] = [];
    for (const job of jobs) {
      const payload = jobPayloads["send-email"].safeParse(job.data);
      if (payload.success) ids.push(payload.data.outboxId);
      else console.error(`[send-email] job ${job.id}: malformed payload, dropped`);
    }
    if (ids.length) await deliverOutboxBatch(deps.db, deps.sender, ids);
  };
}
