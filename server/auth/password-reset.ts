import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { passwordResetRequests, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderPasswordReset } from "../email/templates/password-reset";
import type { LinkConfig } from "../invitations/invite";
import { getSettings } from "../settings/get-settings";
import { closeOpenLocks } from "./account-lock";
import { consumeToken, findUsableToken, issueToken } from "./account-tokens";
import { hashPassword } from "./password";
import { judgePassword } from "./password-policy";

/** A reset link works once, for one hour. */
const resetTtlMs = 60 * 60 * 1000;
/** Limits that hold across app instances: they count rows in PostgreSQL. */
export const passwordResetLimits = { perAddressPerHour: 3, perIpPerHour: 20 };

export const passwordResetRequestInput = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email({ error: "Enter the email address you sign in with." })),
});

/** Issues a reset token for the user (revoking their earlier ones) and returns the link, for an email only. */
export async function issuePasswordResetInTx(tx: DbOrTx, links: LinkConfig, userId: string): Promise<string> {
  const token = await issueToken(tx, { userId, purpose: "password_reset", ttlMs: resetTtlMs });
  return new URL(`/reset-password/${token}`, links.appUrl).toString();
}

/**
 * "Forgot your password?": emails a reset link when the address belongs to an account that is not
 * suspended. The caller answers the same in every case (sent, unknown, suspended, over the limits),
 * so the answer says nothing about accounts.
 */
export async function requestPasswordReset(db: Database, links: LinkConfig, input: z.infer<typeof passwordResetRequestInput>, context: { ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const hourAgo = sql`now() - interval '1 hour'`;
    const [byAddress] = await tx.select({ n: count() }).from(passwordResetRequests).where(and(eq(passwordResetRequests.email, input.email), gt(passwordResetRequests.at, hourAgo)));
    const [byIp] = context.ip ? await tx.select({ n: count() }).from(passwordResetRequests).where(and(eq(passwordResetRequests.ip, context.ip), gt(passwordResetRequests.at, hourAgo))) : [{ n: 0 }];
    await tx.insert(passwordResetRequests).values({ email: input.email, ip: context.ip });
    if ((byAddress?.n ?? 0) >= passwordResetLimits.perAddressPerHour || (byIp?.n ?? 0) >= passwordResetLimits.perIpPerHour) return;
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user || user.suspendedAt) return;
    const { installationName } = await getSettings(tx);
    const resetLink = await issuePasswordResetInTx(tx, links, user.id);
    await queueEmail(tx, { kind: "password_reset", to: user.email, userId: user.id, ...renderPasswordReset({ installationName, firstName: user.firstName, resetLink }) });
    await recordAudit(tx, { actorId: null, ip: context.ip }, { action: "user.password_reset_requested", targetType: "user", targetId: user.id });
  });
}

/** Who a reset link is for, while it still works: enough to greet them on the page. */
export async function passwordResetFor(db: DbOrTx, token: string) {
  const row = await findUsableToken(db, "password_reset", token);
  if (!row) return null;
  const [user] = await db.select({ email: users.email, firstName: users.firstName, lastName: users.lastName, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, row.userId));
  return user && !user.suspendedAt ? { email: user.email, firstName: user.firstName, lastName: user.lastName } : null;
}

export type ResetOutcome = { ok: true; email: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "weak"; problems: string[] };

/**
 * Sets a new password through a reset link. The policy is checked before the token is touched;
 * then, in one transaction, the token is used up, the password stored, every session of the user
 * ended (session version bumped), and a lock after failed logins lifted.
 */
export async function resetPassword(db: Database, token: string, password: string, ip: string | null): Promise<ResetOutcome> {
  const person = await passwordResetFor(db, token);
  if (!person) return { ok: false, reason: "invalid" };
  const verdict = judgePassword(password, [person.email, person.firstName, person.lastName]);
  if (!verdict.ok) return { ok: false, reason: "weak", problems: verdict.problems };
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, "password_reset", token);
    if (!used) return { ok: false, reason: "invalid" } as const;
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId)).for("update");
    if (!user || user.suspendedAt) return { ok: false, reason: "invalid" } as const;
    await tx
      .update(users)
      .set({
        passwordHash,
        // The link reached them: a user who never signed in counts as Invited, as through an invitation.
        status: user.status === "not_invited" ? "invited" : user.status,
        sessionVersion: user.sessionVersion + 1,
        lockedUntil: null,
        failedLoginAttempts: 0,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await closeOpenLocks(tx, user.id, "password_reset", user.id);
    await recordAudit(tx, { actorId: user.id, ip }, { action: "user.password_reset", targetType: "user", targetId: user.id, after: { unlocked: user.lockedUntil !== null && user.lockedUntil > new Date() } });
    return { ok: true, email: user.email } as const;
  });
}
