import type { Job } from "pg-boss";
import type { Database } from "../server/db/client";
import type { LinkConfig } from "../server/invitations/invite";
import { jobPayloads } from "../server/jobs/queues";
import { autoApproveRequest } from "../server/registration/auto-approve";

/**
 * Approves self-registrations for open facilities. Safe to run twice for one request (see
 * autoApproveRequest), so a batch that fails part-way is simply retried whole.
 */
export function autoApproveRegistrationHandler(deps: { db: Database; links: LinkConfig }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      const payload = jobPayloads["auto-approve-registration"].safeParse(job.data);
      if (!payload.success) {
        console.error(`[auto-approve] job ${job.id}: malformed payload, dropped`);
        continue;
      }
      const outcome = await autoApproveRequest(deps.db, deps.links, payload.data.requestId);
      if (outcome === "sent_to_review") console.log(`[auto-approve] request ${payload.data.requestId} left for review`);
    }
  };
}
