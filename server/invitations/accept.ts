import { eq } from "drizzle-orm";
import { consumeToken, findUsableToken } from "../auth/account-tokens";
import { hashPassword } from "../auth/password";
import { judgePassword } from "../auth/password-policy";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { users } from "../db/schema";

/** Who an invitation link is for, while it still works: enough to greet them on the page. */
export async function invitationFor(db: DbOrTx, token: string) {
  const row = await findUsableToken(db, "invitation", token);
  if (!row) return null;
  const [user] = await db.select({ email: users.email, firstName: users.firstName, lastName: users.lastName, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, row.userId));
  return user && !user.suspendedAt ? { email: user.email, firstName: user.firstName, lastName: user.lastName } : null;
}

export type AcceptOutcome = { ok: true; email: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "weak"; problems: string[] };

/**
 * Sets the password through an invitation link. The policy is checked before the token is
 * touched (a weak password leaves the link working); then the token is used up in the same
 * transaction that stores the password, so the link works exactly once.
 */
export async function acceptInvitation(db: Database, token: string, password: string, ip: string | null): Promise<AcceptOutcome> {
  const invited = await invitationFor(db, token);
  if (!invited) return { ok: false, reason: "invalid" };
  const verdict = judgePassword(password, [invited.email, invited.firstName, invited.lastName]);
  if (!verdict.ok) return { ok: false, reason: "weak", problems: verdict.problems };
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, "invitation", token);
    if (!used) return { ok: false, reason: "invalid" } as const;
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId)).for("update");
    if (!user || user.suspendedAt) return { ok: false, reason: "invalid" } as const;
    // Any session opened before (there should be none) ends with the new password.
    // The link reached them, so they count as Invited even if the email's acceptance is not recorded
    // yet (an admin may have handed over the copied link); their first login makes them Active.
    await tx
      .update(users)
      .set({
        passwordHash,
        status: user.status === "not_invited" ? "invited" : user.status,
        invitedAt: user.invitedAt ?? new Date(),
        sessionVersion: user.sessionVersion + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, { actorId: user.id, ip }, { action: "user.password_set", targetType: "user", targetId: user.id, after: { via: "invitation" } });
    return { ok: true, email: user.email } as const;
  });
}
