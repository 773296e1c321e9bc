import type { Job } from "pg-boss";
import { processAccountLock } from "../server/auth/account-lock";
import type { Database } from "../server/db/client";
import type { LinkConfig } from "../server/invitations/invite";
import { jobPayloads } from "../server/jobs/queues";

/**
 * The rest of locking an account (the login that reached the threshold locked it): audit, email,
 * admins' notifications, the scheduled unlock. Safe to run twice (see processAccountLock).
 */
export function lockAccountHandler(deps: { db: Database; links: LinkConfig }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      const payload = jobPayloads["lock-account"].safeParse(job.data);
      if (!payload.success) {
        console.error(`[lock-account] job ${job.id}: malformed payload, dropped`);
        continue;
      }
      await processAccountLock(deps.db, deps.links, payload.data.lockId);
    }
  };
}
