import type { Database } from "../server/db/client";
import { resendDueInvitations } from "../server/invitations/resend-due";
import type { LinkConfig } from "../server/invitations/invite";

/** The scheduled reminder run: re-sends every invitation that is due (see resendDueInvitations). */
export function resendInvitationsHandler(deps: { db: Database; links: LinkConfig }) {
  return async (): Promise<void> => {
    const { sent } = await resendDueInvitations(deps.db, deps.links);
    if (sent > 0) console.log(`[resend-invitations] re-sent ${sent} invitation${sent === 1 ? "" : "s"}`);
  };
}
