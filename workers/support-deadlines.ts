import { z } from "zod";
import { remindDeadlines } from "../server/support/deadlines";
import { defineJob } from "./job";

/** Every 15 minutes: the reminders and escalations of serious incidents' reporting deadlines. */
export const supportDeadlinesJob = defineJob({
  queue: "support-deadlines",
  payload: z.object({}),
  // Idempotent: each reminder step is recorded on its issue with its notifications and emails.
  options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "*/15 * * * *",
  handle: async (deps) => {
    const { taken } = await remindDeadlines(deps.db, deps.links.appUrl);
    if (taken > 0) console.log(`[support-deadlines] sent ${taken} deadline reminder${taken === 1 ? "" : "s"}`);
  },
});
