import type { Job } from "pg-boss";
import { unlockWhenDue } from "../server/auth/account-lock";
import type { Database } from "../server/db/client";
import { jobPayloads } from "../server/jobs/queues";

/** Lifts a lock at its end (scheduled by the lock job). Safe to run twice (see unlockWhenDue). */
export function unlockAccountHandler(deps: { db: Database }) {
  return async (jobs: Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      const payload = jobPayloads["unlock-account"].safeParse(job.data);
      if (!payload.success) {
        console.error(`[unlock-account] job ${job.id}: malformed payload, dropped`);
        continue;
      }
      const outcome = await unlockWhenDue(deps.db, payload.data.lockId);
      // Started a little early (clocks differ between machines): try again shortly.
      if (outcome === "not_due") throw new Error(`lock ${payload.data.lockId} is not due yet`);
    }
  };
}
