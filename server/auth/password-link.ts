import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { users, type User } from "../db/schema";
import { consumeToken, findUsableToken } from "./account-tokens";
import { hashPassword } from "./password";
import { judgePassword } from "./password-policy";

/** The single-use links through which a person sets a password: an invitation, a password reset. */
type PasswordLink = "invitation" | "password_reset";

/** Who a link is for, while it still works: enough to greet them on its page. */
export async function personForLink(db: DbOrTx, purpose: PasswordLink, token: string) {
  const row = await findUsableToken(db, purpose, token);
  if (!row) return null;
  const [user] = await db
    .select({
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      suspendedAt: users.suspendedAt,
    })
    .from(users)
    .where(eq(users.id, row.userId));
  return user && !user.suspendedAt ? { email: user.email, firstName: user.firstName, lastName: user.lastName } : null;
}

export type PasswordLinkOutcome =
  { ok: true; email: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "weak"; problems: string[] };

/**
 * Sets a password through a link. The policy is checked before the token is touched (a weak
 * password leaves the link working); then, in one transaction, the token is used up, the password
 * stored, every session of the user ended (session version bumped), the link's own changes made
 * (`apply`, given the locked user row) and the audit entry written: the link works exactly once.
 */
export async function setPasswordThroughLink(
  db: Database,
  purpose: PasswordLink,
  input: { token: string; password: string; ip: string | null },
  apply: (
    tx: DbOrTx,
    user: User,
  ) => Promise<{ changes: Partial<User>; audit: { action: string; after: Record<string, unknown> } }>,
): Promise<PasswordLinkOutcome> {
  const person = await personForLink(db, purpose, input.token);
  if (!person) return { ok: false, reason: "invalid" };
  const verdict = judgePassword(input.password, [person.email, person.firstName, person.lastName]);
  if (!verdict.ok) return { ok: false, reason: "weak", problems: verdict.problems };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, purpose, input.token);
    if (!used) return { ok: false, reason: "invalid" } as const;
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId)).for("update");
    if (!user || user.suspendedAt) return { ok: false, reason: "invalid" } as const;
    const { changes, audit } = await apply(tx, user);
    await tx
      .update(users)
      .set({ ...changes, passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(
      tx,
      { actorId: user.id, ip: input.ip },
      { action: audit.action, targetType: "user", targetId: user.id, after: audit.after },
    );
    return { ok: true, email: user.email } as const;
  });
}
