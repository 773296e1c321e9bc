import { z } from "zod";
import { autoApproveRequest } from "../server/registration/auto-approve";
import { defineJob } from "./job";

/**
 * Approves self-registrations for open facilities. Safe to run twice for one request (see
 * autoApproveRequest), so a batch that fails part-way is simply retried whole.
 */
export const autoApproveRegistrationJob = defineJob({
  queue: "auto-approve-registration",
  payload: z.object({ requestId: z.uuid() }),
  // Idempotent per request (the request row is locked and must still be pending).
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
  // A person waits on the form's promise of an email: poll often.
  fetch: { batchSize: 5, pollingIntervalSeconds: 0.5 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      const outcome = await autoApproveRequest(deps.db, deps.links, job.data.requestId);
      if (outcome === "sent_to_review") console.log(`[auto-approve] request ${job.data.requestId} left for review`);
    }
  },
});
