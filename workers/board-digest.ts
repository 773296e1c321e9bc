import { z } from "zod";
import { sendBoardDigests } from "../server/boards/digest";
import { defineJob } from "./job";

/** Every morning: the day's unread activity on community boards, one email per person who wants it. */
export const boardDigestJob = defineJob({
  queue: "board-digest",
  payload: z.object({}),
  // Idempotent: a person's digest for a day is recorded with its email.
  options: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "0 6 * * *",
  handle: async (deps) => {
    const { sent } = await sendBoardDigests(deps.db, deps.links.appUrl);
    if (sent > 0) console.log(`[board-digest] sent ${sent} digest${sent === 1 ? "" : "s"}`);
  },
});
