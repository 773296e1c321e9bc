import { inviteSessionAudience } from "../server/content/sessions";
import { defineJob } from "./job";

/**
 * Invites people to a teacher-led session: the members of a group it was given to, or everyone it
 * reaches once a version is published. Each person once per version, so a retry sends nothing twice.
 */
export const sessionInvitationsJob = defineJob({
  queue: "session-invitations",
  fetch: { batchSize: 5, pollingIntervalSeconds: 1 },
  handle: async (deps, jobs) => {
    for (const job of jobs) {
      const invited = await inviteSessionAudience(deps.db, job.data, deps.links.appUrl);
      if (invited > 0) deps.log.info({ queue: "session-invitations", itemId: job.data.itemId, invited });
    }
  },
});
