import { applyDeliveryEvent } from "../server/email/delivery-events";
import { defineJob } from "./job";

/**
 * Applies Resend's delivery events (delivered, bounced, complained) to the email and the user.
 * An event for an email whose provider id is not recorded yet fails, so pg-boss retries it later.
 */
export const deliveryEventJob = defineJob({
  queue: "delivery-event",
  fetch: { batchSize: 20, pollingIntervalSeconds: 1 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      if ((await applyDeliveryEvent(deps.db, job.data)) === "unknown-email") {
        throw new Error(`no email with provider id ${job.data.emailId} yet`);
      }
    }
  },
});
