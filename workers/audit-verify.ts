import { z } from "zod";
import { runVerification } from "../server/audit/verification";
import { DomainError } from "../server/domain-error";
import { defineJob } from "./job";

/**
 * Every night, the whole audit trail from its first link: the checks an owner admin runs by day
 * start from the last verified link, so an entry changed before it would wait for this one. The
 * result is recorded (the latest check admins read) and a broken trail is logged as an error.
 */
export const auditVerifyJob = defineJob({
  queue: "audit-verify",
  payload: z.object({}),
  // The nightly whole check: a missed night is the next night's work.
  options: { retryLimit: 1, retryDelay: 600, expireInSeconds: 1800 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 10 },
  schedule: "40 2 * * *",
  handle: async (deps) => {
    try {
      const result = await runVerification(deps.db, { actorId: null, ip: null }, { whole: true });
      const line = { queue: "audit-verify", intact: result.intact, entries: result.entries, head: result.head?.hash };
      if (result.intact) deps.log.info(line);
      else deps.log.error({ ...line, firstBroken: result.firstBroken });
    } catch (error) {
      // Someone ran a whole check a moment ago, or one is running: that one is tonight's.
      if (error instanceof DomainError && error.code === "TOO_MANY_REQUESTS") return;
      throw error;
    }
  },
});
