import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { accountLocks } from "../db/schema";

/**
 * An account's lock rows, read and closed. Below both the lock job (account-lock.ts) and the
 * password reset, which ends a lock: neither imports the other for these.
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
