import { z } from "zod";
import { processAccountLock } from "../server/auth/account-lock";
import { defineJob } from "./job";

/**
 * The rest of locking an account (the login that reached the threshold locked it): audit, email,
 * admins' notifications, the scheduled unlock. Safe to run twice (see processAccountLock).
 */
export const lockAccountJob = defineJob({
  queue: "lock-account",
  payload: z.object({ lockId: z.uuid() }),
  // Idempotent per lock (its row records what was done). The lock email should leave at once.
  options: { retryLimit: 8, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
  // The locked-out person waits for the email with the way back in: poll often.
  fetch: { batchSize: 5, pollingIntervalSeconds: 0.5 },
  handle: async (deps, jobs) => {
    for (const job of jobs) await processAccountLock(deps.db, deps.links, job.data.lockId);
  },
});
