import { z } from "zod";
import { resendDueInvitations } from "../server/invitations/resend-due";
import { defineJob } from "./job";

/** The scheduled reminder run, every hour on the hour: re-sends every invitation that is due. */
export const resendInvitationsJob = defineJob({
  queue: "resend-invitations",
  payload: z.object({}),
  // Runs on a schedule; a run that fails is simply the next run's work.
  options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
  fetch: { batchSize: 1, pollingIntervalSeconds: 5 },
  schedule: "0 * * * *",
  handle: async (deps) => {
    const { sent } = await resendDueInvitations(deps.db, deps.links);
    if (sent > 0) console.log(`[resend-invitations] re-sent ${sent} invitation${sent === 1 ? "" : "s"}`);
  },
});
