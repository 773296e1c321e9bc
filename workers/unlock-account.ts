import { z } from "zod";
import { unlockWhenDue } from "../server/auth/lock-records";
import { defineJob } from "./job";

/** Lifts a lock at its end (scheduled by the lock job). Safe to run twice (see unlockWhenDue). */
export const unlockAccountJob = defineJob({
  queue: "unlock-account",
  payload: z.object({ lockId: z.uuid() }),
  // Idempotent per lock (its row records what was done).
  options: { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
  fetch: { batchSize: 20, pollingIntervalSeconds: 2 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      const outcome = await unlockWhenDue(deps.db, job.data.lockId);
      // Started a little early (clocks differ between machines): try again shortly.
      if (outcome === "not_due") throw new Error(`lock ${job.data.lockId} is not due yet`);
    }
  },
});
