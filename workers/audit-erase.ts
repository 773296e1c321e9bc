import { z } from "zod";
import { eraseFromAuditTrail } from "../server/audit/erasure";
import { defineJob } from "./job";

/**
 * Erases deleted people's names and addresses from the audit trail, leaving its chain intact.
 * Queued by each deletion; the schedule picks up any run that failed for good.
 */
export const auditEraseJob = defineJob({
  queue: "audit-erase",
  payload: z.object({}),
  // One pass erases everyone pending: at most one run and one waiting (a second deletion during a
  // run is the waiting one's work). Erasing again changes nothing.
  options: { policy: "stately", retryLimit: 5, retryDelay: 30, expireInSeconds: 1800 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 2 },
  schedule: "*/10 * * * *",
  handle: async (deps) => {
    const people = await eraseFromAuditTrail(deps.db);
    if (people > 0) deps.log.info({ queue: "audit-erase", people });
  },
});
