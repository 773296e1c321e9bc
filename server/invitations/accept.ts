import { personForLink, setPasswordThroughLink, type PasswordLinkOutcome } from "../auth/password-link";
import type { Database, DbOrTx } from "../db/client";

/** Who an invitation link is for, while it still works. */
export const invitationFor = (db: DbOrTx, token: string) => personForLink(db, "invitation", token);

export type AcceptOutcome = PasswordLinkOutcome;

/** Sets the password through an invitation link (see setPasswordThroughLink). */
export function acceptInvitation(
  db: Database,
  token: string,
  password: string,
  ip: string | null,
): Promise<AcceptOutcome> {
  return setPasswordThroughLink(db, "invitation", { token, password, ip }, async (_tx, user) => ({
    // The link reached them, so they count as Invited even if the email's acceptance is not recorded
    // yet (an admin may have handed over the copied link); their first login makes them Active.
    changes: {
      status: user.status === "not_invited" ? "invited" : user.status,
      invitedAt: user.invitedAt ?? new Date(),
    },
    audit: { action: "user.password_set", after: { via: "invitation" } },
  }));
}
