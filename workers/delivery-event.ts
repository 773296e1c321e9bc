import { z } from "zod";
import { applyDeliveryEvent } from "../server/email/delivery-events";
import { defineJob } from "./job";

/**
 * Applies Resend's delivery events (delivered, bounced, complained) to the email and the user.
 * An event for an email whose provider id is not recorded yet fails, so pg-boss retries it later.
 */
export const deliveryEventJob = defineJob({
  queue: "delivery-event",
  payload: z.object({
    type: z.enum(["email.delivered", "email.bounced", "email.complained"]),
    emailId: z.string().min(1).max(200),
    at: z.string().max(40),
  }),
  // An event may arrive before the send recorded the provider's id: retry until it matches.
  options: { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 60 },
  fetch: { batchSize: 20, pollingIntervalSeconds: 1 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      if ((await applyDeliveryEvent(deps.db, job.data)) === "unknown-email") {
        throw new Error(`no email with provider id ${job.data.emailId} yet`);
      }
    }
  },
});
