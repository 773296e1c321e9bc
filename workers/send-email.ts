import { z } from "zod";
import { deliverOutboxBatch, providerBatchSize } from "../server/email/deliver";
import { defineJob } from "./job";

/**
 * Delivers queued outbox emails: pg-boss hands over up to 100 jobs at a time, which go to the
 * provider in one batch call. Idempotent per outbox row and per call (see deliverOutboxBatch), so
 * retries, a second worker or a killed one never send an email twice.
 */
export const sendEmailJob = defineJob({
  queue: "send-email",
  payload: z.object({ outboxId: z.uuid() }),
  // Delivery is idempotent per outbox row, so retries are safe; backoff rides out provider outages.
  // A worker that dies mid-batch stops its heartbeat: its jobs go back to the queue within seconds,
  // not at expiry.
  options: {
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 120,
    heartbeatSeconds: 10,
  },
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
