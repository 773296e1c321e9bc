import type { Job } from "pg-boss";
import type { Database } from "../server/db/client";
import { applyDeliveryEvent } from "../server/email/delivery-events";
import { jobPayloads } from "../server/jobs/queues";

/**
 * Applies Resend's delivery events (delivered, bounced, complained) to the email and the user.
 * An event for an email whose provider id is not recorded yet fails, so pg-boss retries it later.
 */
export function deliveryEventHandler(deps: { db: Database }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      const payload = jobPayloads["delivery-event"].safeParse(job.data);
      if (!payload.success) {
        console.error(`[delivery-event] job ${job.id}: malformed payload, dropped`);
        continue;
      }
      if ((await applyDeliveryEvent(deps.db, payload.data)) === "unknown-email") {
        throw new Error(`no email with provider id ${payload.data.emailId} yet`);
      }
    }
  };
}
