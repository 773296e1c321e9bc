import { z } from "zod";
import { ChainNotAnchored, sealAuditLog } from "../server/audit/chain";
import { defineJob } from "./job";

/**
 * Links the audit entries written since the last run into the hash chain and anchors the last
 * link, writing each anchor to this worker's log: a copy outside the database that whoever reads the
 * logs can hold the chain against. Runs every minute; safe to run twice at once (sealers take turns,
 * and an entry is sealed once). A head link nothing vouches for stops sealing, loudly, every run.
 */
export const auditSealJob = defineJob({
  queue: "audit-seal",
  payload: z.object({}),
  // Each run seals what the last one left; a failed run is the next one's work.
  options: { retryLimit: 1, retryDelay: 10, expireInSeconds: 300 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "* * * * *",
  handle: async (deps) => {
    try {
      const sealed = await sealAuditLog(deps.db, {
        onAnchor: (anchor) => deps.log.info({ queue: "audit-seal", anchor }),
      });
      if (sealed > 0) deps.log.info({ queue: "audit-seal", sealed });
    } catch (error) {
      if (!(error instanceof ChainNotAnchored)) throw error;
      deps.log.error({
        queue: "audit-seal",
        payload: z.object({}),
        // Each run seals what the last one left; a failed run is the next one's work.
        options: { retryLimit: 1, retryDelay: 10, expireInSeconds: 300 },
        refused: `The audit chain was changed outside the app: ${error.message}.`,
      });
    }
  },
});
