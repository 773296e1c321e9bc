import { runBulkChunk } from "../server/bulk/run-chunk";
import { defineJob } from "./job";

/**
 * One chunk of a bulk operation an admin started (invite, suspend, import…). Each item records its
 * outcome in the transaction that does it, so a chunk that runs twice skips what was done.
 */
export const bulkOperationJob = defineJob({
  queue: "bulk-operation",
  // An admin watches the progress: poll often; two chunks at once per worker.
  fetch: { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: 2 },
  handle: async (deps, jobs) => {
    for (const job of jobs) await runBulkChunk(deps.db, { links: deps.links, uploadDir: deps.uploadDir }, job.data);
  },
});
