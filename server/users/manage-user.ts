import { eq } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { users, type User } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderTwoFactorReset } from "../email/templates/two-factor-reset";
import { getSettings } from "../settings/get-settings";
import { DomainError } from "../domain-error";
import { closeOpenLocks } from "../auth/lock-records";
import { endUserSessions } from "../auth/session";
import { removeSecondFactor } from "../auth/two-factor";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { requestErasure } from "../audit/request-erasure";
import { erasePersonalRows } from "./personal-data";
import { assertSeatAvailable } from "./seat-limit";

// What an audit entry keeps of a user: never the password hash or other secrets.
const auditView = (user: User) => ({
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  phone: user.phone,
  position: user.position,
  managerId: user.managerId,
  status: user.status,
  primaryRole: user.primaryRole,
  suspended: user.suspendedAt !== null,
  lockedUntil: user.lockedUntil?.toISOString() ?? null,
});

async function lockedRow(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], userId: string): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
  return user;
}

/**
 * Suspends (no access, history kept, no seat) or reactivates a user. Suspending ends every session
 * for good: reactivation lets them sign in again, it does not revive cookies from before.
 */
export async function setSuspended(
  db: DbOrTx,
  context: AuditContext,
  userId: string,
  suspended: boolean,
): Promise<void> {
  if (suspended && userId === context.actorId)
    throw new DomainError("BAD_REQUEST", "You cannot suspend your own account.");
  await db.transaction(async (tx) => {
    const before = await lockedRow(tx, userId);
    if ((before.suspendedAt !== null) === suspended) return; // already so: nothing to change or record
    if (!suspended) await assertSeatAvailable(tx);
    const [after] = await tx
      .update(users)
      .set({ suspendedAt: suspended ? new Date() : null, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (suspended) await endUserSessions(tx, userId, "suspended");
    await recordAudit(tx, context, {
      action: suspended ? "user.suspended" : "user.reactivated",
      targetType: "user",
      targetId: userId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}

/** Clears a lock after failed logins, and the failure count with it. */
export async function unlockUser(db: Database, context: AuditContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedRow(tx, userId);
    if (before.lockedUntil === null && before.failedLoginAttempts === 0) return;
    const [after] = await tx
      .update(users)
      .set({ lockedUntil: null, failedLoginAttempts: 0, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    await closeOpenLocks(tx, userId, "admin", context.actorId);
    await recordAudit(tx, context, {
      action: "user.unlocked",
      targetType: "user",
      targetId: userId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}

/**
 * Deletes a user for good, once confirmed: on the user page by typing their email, in a bulk
 * action by a confirmation of the whole selection. Their personal data goes with them: every row
 * that refers to them or names them by address (erasePersonalRows), and, moments later, their
 * name and addresses in the audit trail (the audit-erase job). The trail keeps what was done to
 * and by their id, which from now on is a pseudonym.
 */
export async function deleteUser(
  db: DbOrTx,
  context: AuditContext,
  userId: string,
  confirmation: { typedEmail: string } | { bulkConfirmed: true },
): Promise<{ photoPath: string | null }> {
  if (userId === context.actorId) throw new DomainError("BAD_REQUEST", "You cannot delete your own account.");
  return db.transaction(async (tx) => {
    const before = await lockedRow(tx, userId);
    if ("typedEmail" in confirmation && confirmation.typedEmail.trim().toLowerCase() !== before.email) {
      throw new DomainError("BAD_REQUEST", "Type the user's email address exactly to confirm the deletion.");
    }
    await erasePersonalRows(tx, before);
    await tx.delete(users).where(eq(users.id, userId));
    const erasureId = await requestErasure(tx, context, before);
    // Nothing here names them: the entry outlives the erasure.
    await recordAudit(tx, context, {
      action: "user.deleted",
      targetType: "user",
      targetId: userId,
      before: { status: before.status, primaryRole: before.primaryRole, suspended: before.suspendedAt !== null },
      after: { erasure: erasureId },
    });
    // The caller removes the photo file once this has committed.
    return { photoPath: before.photoPath };
  });
}

export interface PersonalData {
  firstName: string;
  lastName: string;
  phone: string | null;
  position: string | null;
  managerId?: string | null | undefined;
}

/** Edits a user's personal data, recording what changed. */
export async function updatePersonalData(
  db: Database,
  context: AuditContext,
  userId: string,
  data: PersonalData,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedRow(tx, userId);
    const [after] = await tx
      .update(users)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(tx, context, {
      action: "user.updated",
      targetType: "user",
      targetId: userId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}

export { auditView };

/** An admin signs the user out everywhere (an account action): every session ends at its next request. */
export async function endSessionsOf(db: Database, context: AuditContext, userId: string): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    await lockedRow(tx, userId);
    const ended = await endUserSessions(tx, userId, "ended_by_admin");
    await recordAudit(tx, context, {
      action: "user.sessions_ended",
      targetType: "user",
      targetId: userId,
      after: { sessions: ended },
    });
    return { ended };
  });
}

/**
 * An admin turns off a person's two-step verification (they lost their phone and their recovery
 * codes): the secret and codes go, every session ends, and the person is told by email.
 */
export async function resetTwoFactorOf(db: Database, context: AuditContext, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await lockedRow(tx, userId);
    if (!user.twoFactorEnabled)
      throw new DomainError("BAD_REQUEST", "Two-step verification is not on for this person.");
    await removeSecondFactor(tx, userId);
    const sessions = await endUserSessions(tx, userId, "ended_by_admin");
    const { installationName } = await getSettings(tx);
    await queueEmail(tx, {
      kind: "two_factor_reset",
      to: user.email,
      userId,
      ...renderTwoFactorReset({ installationName, firstName: user.firstName }),
    });
    await recordAudit(tx, context, {
      action: "user.two_factor_reset",
      targetType: "user",
      targetId: userId,
      after: { sessions },
    });
  });
}
