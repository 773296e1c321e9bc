import { z } from "zod";
import { runBulkChunk } from "../server/bulk/run-chunk";
import { defineJob } from "./job";

/**
 * One chunk of a bulk operation an admin started (invite, suspend, import…). Each item records its
 * outcome in the transaction that does it, so a chunk that runs twice skips what was done.
 */
export const bulkOperationJob = defineJob({
  queue: "bulk-operation",
  payload: z.object({
    operationId: z.uuid(),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  }),
  // Each item is recorded with its outcome in the transaction that does it, so a retried chunk
  // skips what was done. A dead worker's chunk returns within seconds.
  options: {
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 600,
    heartbeatSeconds: 30,
  },
  // An admin watches the progress: poll often; two chunks at once per worker.
  fetch: { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: 2 },
  handle: async (deps, jobs) => {
    for (const job of jobs) await runBulkChunk(deps.db, { links: deps.links, uploadDir: deps.uploadDir }, job.data);
  },
});
