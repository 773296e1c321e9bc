import { and, eq, ne } from "drizzle-orm";
import { consumeToken, issueToken, revokeTokens } from "../auth/account-tokens";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderEmailChangeConfirmation, renderEmailChangeNotice } from "../email/templates/email-change";
import { getSettings } from "../settings/get-settings";

const confirmHours = 24;

/**
 * Starts changing a user's login: the new address waits in `pendingEmail` until the link sent
 * to it is followed; the current address is told. A newer request replaces an older one.
 */
export async function requestEmailChange(
  db: Database,
  context: AuditContext,
  input: { userId: string; newEmail: string; appUrl: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!user) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
    if (user.email === input.newEmail) throw new DomainError("BAD_REQUEST", "This is already the user's address.");
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, input.newEmail), ne(users.id, user.id)));
    if (taken)
      throw new DomainError(
        "CONFLICT",
        "This email address is already in use. Each person signs in with their own address.",
      );
    const token = await issueToken(tx, {
      userId: user.id,
      purpose: "email_change",
      ttlMs: confirmHours * 3_600_000,
      newEmail: input.newEmail,
    });
    await tx.update(users).set({ pendingEmail: input.newEmail, updatedAt: new Date() }).where(eq(users.id, user.id));
    const { installationName } = await getSettings(tx);
    const link = new URL(`/confirm-email/${token}`, input.appUrl).toString();
    await queueEmail(tx, {
      kind: "email_change",
      to: input.newEmail,
      userId: user.id,
      ...renderEmailChangeConfirmation({
        installationName,
        firstName: user.firstName,
        newEmail: input.newEmail,
        link,
        expiresHours: confirmHours,
      }),
    });
    await queueEmail(tx, {
      kind: "email_change_notice",
      to: user.email,
      userId: user.id,
      ...renderEmailChangeNotice({ installationName, firstName: user.firstName }),
    });
    await recordAudit(tx, context, {
      action: "user.email_change_requested",
      targetType: "user",
      targetId: user.id,
      before: { email: user.email },
      after: { pendingEmail: input.newEmail },
    });
  });
}

/** Withdraws a pending change: the link stops working. */
export async function cancelEmailChange(db: Database, context: AuditContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user?.pendingEmail) return;
    await revokeTokens(tx, userId, "email_change");
    await tx.update(users).set({ pendingEmail: null, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, context, {
      action: "user.email_change_cancelled",
      targetType: "user",
      targetId: userId,
      before: { pendingEmail: user.pendingEmail },
    });
  });
}

export type EmailChangeOutcome = { changed: true; email: string } | { changed: false; reason: "invalid" | "taken" };

/**
 * Follows the link: the new address becomes the login, once. The token is used in the same
 * transaction, so a second click, an expired or a replaced link changes nothing.
 */
export async function confirmEmailChange(db: Database, token: string, ip: string | null): Promise<EmailChangeOutcome> {
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, "email_change", token);
    if (!used?.newEmail) return { changed: false, reason: "invalid" } as const;
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId)).for("update");
    if (!user || user.pendingEmail !== used.newEmail) return { changed: false, reason: "invalid" } as const;
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, used.newEmail), ne(users.id, user.id)));
    if (taken) {
      await tx.update(users).set({ pendingEmail: null }).where(eq(users.id, user.id));
      return { changed: false, reason: "taken" } as const;
    }
    // A new login ends the sessions opened with the old one.
    await tx
      .update(users)
      .set({ email: used.newEmail, pendingEmail: null, sessionVersion: user.sessionVersion + 1, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(
      tx,
      { actorId: user.id, ip },
      {
        action: "user.email_changed",
        targetType: "user",
        targetId: user.id,
        before: { email: user.email },
        after: { email: used.newEmail },
      },
    );
    return { changed: true, email: used.newEmail } as const;
  });
}
