import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { accountLocks, users } from "../db/schema";

/**
 * An account's lock rows: read, closed by an admin or a password reset, lifted at their end. Below
 * both the lock job (account-lock.ts, which schedules the lift) and the password reset.
 */

/** Marks the user's open locks as ended (by an admin, or by a password reset), in the caller's transaction. */
export async function closeOpenLocks(
  tx: DbOrTx,
  userId: string,
  reason: "admin" | "password_reset",
  by: string | null,
): Promise<void> {
  await tx
    .update(accountLocks)
    .set({ unlockedAt: new Date(), unlockReason: reason, unlockedBy: by })
    .where(and(eq(accountLocks.userId, userId), isNull(accountLocks.unlockedAt)));
}

/** The account's latest lock, for the user page: when, from where, after how many failures. */
export async function latestLock(db: DbOrTx, userId: string) {
  const [lock] = await db
    .select({
      lockedAt: accountLocks.lockedAt,
      lockedUntil: accountLocks.lockedUntil,
      failures: accountLocks.failures,
      ip: accountLocks.ip,
      unlockedAt: accountLocks.unlockedAt,
      unlockReason: accountLocks.unlockReason,
    })
    .from(accountLocks)
    .where(eq(accountLocks.userId, userId))
    .orderBy(sql`${accountLocks.lockedAt} desc`)
    .limit(1);
  return lock ?? null;
}

/**
 * The unlock job: at the lock's end, clears the lock and the failure count, unless a later lock has
 * replaced it or someone unlocked the account already. Idempotent.
 */
export async function unlockWhenDue(
  db: Database,
  lockId: string,
): Promise<"unlocked" | "already_unlocked" | "not_due" | "missing"> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.select().from(accountLocks).where(eq(accountLocks.id, lockId)).for("update");
    if (!lock) return "missing";
    if (lock.unlockedAt) return "already_unlocked";
    if (lock.lockedUntil > new Date()) return "not_due";
    // A later lock (a longer one) keeps the account locked: only this lock's own time is cleared.
    await tx
      .update(users)
      .set({ lockedUntil: null, failedLoginAttempts: 0 })
      .where(and(eq(users.id, lock.userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, lock.lockedUntil))));
    await tx
      .update(accountLocks)
      .set({ unlockedAt: new Date(), unlockReason: "time" })
      .where(eq(accountLocks.id, lock.id));
    await recordAudit(
      tx,
      { actorId: null, ip: null },
      { action: "user.unlocked", targetType: "user", targetId: lock.userId, after: { automatic: true } },
    );
    return "unlocked";
  });
}
