import { unlockWhenDue } from "../server/auth/account-lock";
import { defineJob } from "./job";

/** Lifts a lock at its end (scheduled by the lock job). Safe to run twice (see unlockWhenDue). */
export const unlockAccountJob = defineJob({
  queue: "unlock-account",
  fetch: { batchSize: 20, pollingIntervalSeconds: 2 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      const outcome = await unlockWhenDue(deps.db, job.data.lockId);
      // Started a little early (clocks differ between machines): try again shortly.
      if (outcome === "not_due") throw new Error(`lock ${job.data.lockId} is not due yet`);
    }
  },
});
