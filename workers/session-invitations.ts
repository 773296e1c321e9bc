import { z } from "zod";
import { inviteSessionAudience } from "../server/content/sessions";
import { defineJob } from "./job";

/**
 * Invites people to a teacher-led session: the members of a group it was given to, or everyone it
 * reaches once a version is published. Each person once per version, so a retry sends nothing twice.
 */
export const sessionInvitationsJob = defineJob({
  queue: "session-invitations",
  payload: z.object({ itemId: z.uuid(), nodeId: z.uuid().nullable() }),
  // Idempotent: each person is invited once per version (their attendance row records it).
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600 },
  fetch: { batchSize: 5, pollingIntervalSeconds: 1 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      const invited = await inviteSessionAudience(deps.db, job.data, deps.links.appUrl);
      if (invited > 0) deps.log.info({ queue: "session-invitations", itemId: job.data.itemId, invited });
    }
  },
});
