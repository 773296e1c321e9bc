import { deliverOutboxBatch, providerBatchSize } from "../server/email/deliver";
import { defineJob } from "./job";

/**
 * Delivers queued outbox emails: pg-boss hands over up to 100 jobs at a time, which go to the
 * provider in one batch call. Idempotent per outbox row and per call (see deliverOutboxBatch), so
 * retries, a second worker or a killed one never send an email twice.
 */
export const sendEmailJob = defineJob({
  queue: "send-email",
  // A full fetch makes pg-boss fetch again at once: under load, one provider call after another.
  fetch: { batchSize: providerBatchSize, pollingIntervalSeconds: 0.5 },
  handle: async (deps, jobs) => {
    await deliverOutboxBatch(
      deps.db,
      deps.sender,
      jobs.map((job) => job.data.outboxId),
    );
  },
});
