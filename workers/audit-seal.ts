import { sealAuditLog } from "../server/audit/chain";
import { defineJob } from "./job";

/**
 * Links the audit entries written since the last run into the hash chain. Runs every minute; safe
 * to run twice at once (sealers take turns, and an entry is sealed once).
 */
export const auditSealJob = defineJob({
  queue: "audit-seal",
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "* * * * *",
  handle: async (deps) => {
    const sealed = await sealAuditLog(deps.db);
    if (sealed > 0) deps.log.info({ queue: "audit-seal", sealed });
  },
});
