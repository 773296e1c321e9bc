import { z } from "zod";
import { remindTrainingDue } from "../server/content/training-reminders";
import { defineJob } from "./job";

/**
 * Every morning: reminds people whose training in a course is due within a week, or overdue (a
 * course not yet completed, or a new version to retrain on). Each reminder is sent once.
 */
export const trainingRemindersJob = defineJob({
  queue: "training-reminders",
  payload: z.object({}),
  // Idempotent: each reminder is recorded with its email and notification.
  options: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "0 7 * * *",
  handle: async (deps) => {
    const sent = await remindTrainingDue(deps.db, deps.links.appUrl);
    if (sent > 0) deps.log.info({ queue: "training-reminders", sent });
  },
});
