import type { Job } from "pg-boss";
import { deliverOutboxEmail } from "../server/email/deliver";
import type { Database } from "../server/db/client";
import { jobPayloads } from "../server/jobs/queues";
import type { Resend } from "resend";

/**
 * Delivers queued outbox emails. Idempotent per outbox row (see deliverOutboxEmail), so a retry
 * or a second worker never sends one twice. A job with a malformed payload is dropped, not retried.
 */
export function sendEmailHandler(deps: { db: Database; provider: Resend | null; from: string }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      const payload = jobPayloads["send-email"].safeParse(job.data);
      if (!payload.success) {
        console.error(`[send-email] job ${job.id}: malformed payload, dropped`);
        continue;
      }
      await deliverOutboxEmail(deps.db, deps.provider, deps.from, payload.data.outboxId);
    }
  };
}
