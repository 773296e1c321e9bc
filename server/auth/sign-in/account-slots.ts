import { eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../db/client";
import { accountLocks, auditLog, loginAttempts, users } from "../../db/schema";
import { enqueue } from "../../jobs/enqueue";
import { lockAccountJob } from "../../../workers/lock-account";
import { accountLocksTotal } from "../../ops/metrics";
import type { Settings } from "../../settings/get-settings";
import { recordAttempt, recordSecurityAudit, sleep } from "./attempts";

/**
 * The account's own counters: a slot per secret being checked, the failures that lock it, and
 * the success that clears them.
 */

/** A slot older than this belongs to a process that died while checking a password. */
export const staleSlot = sql`interval '5 seconds'`;
/** How long a login waits for a slot while other checks of the same account are in flight. */
export const slotWaitMs = 5_000;

/**
 * Takes a slot to check one secret of the account, in one atomic step, or says why not. A lock
 * whose time has passed is cleared on the way (the unlock job records it). Failures count at most
 * one below the threshold: when the owner lowers it, an account already past it gets one check,
 * whose failure locks it properly (email, unlock) rather than leaving it refused without a lock.
 * "busy": the slots are taken by checks still running; waits for one to finish, then asks again.
 */
export async function takeCheckSlot(
  db: Database,
  userId: string,
  threshold: number,
): Promise<"slot" | "suspended" | "locked" | "busy"> {
  const deadline = Date.now() + slotWaitMs;
  for (;;) {
    const taken = await db.execute(sql`
      update ${users} set
        failed_login_attempts = case when locked_until <= now() then 0 else failed_login_attempts end,
        locked_until = case when locked_until <= now() then null else locked_until end,
        logins_in_flight = (case when logins_in_flight_at < now() - ${staleSlot} then 0 else logins_in_flight end) + 1,
        logins_in_flight_at = now()
      where id = ${userId}
        and (locked_until is null or locked_until <= now())
        and least(case when locked_until <= now() then 0 else failed_login_attempts end, ${threshold - 1})
          + (case when logins_in_flight_at < now() - ${staleSlot} then 0 else logins_in_flight end) < ${threshold}
      returning id`);
    if (taken.length > 0) return "slot";
    const [state] = await db
      .select({ suspendedAt: users.suspendedAt, lockedUntil: users.lockedUntil, failed: users.failedLoginAttempts })
      .from(users)
      .where(eq(users.id, userId));
    // Gone since the lookup (deleted): refused like a suspended account.
    if (!state) return "suspended";
    if (state.lockedUntil && state.lockedUntil > new Date()) return "locked";
    if (Date.now() > deadline) return "busy";
    await sleep(10 + Math.random() * 20);
  }
}

export async function releaseSlot(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ loginsInFlight: sql`greatest(${users.loginsInFlight} - 1, 0)` })
    .where(eq(users.id, userId));
}

/**
 * A wrong password (or code): counts it and gives the slot back in one statement; the failure that
 * reaches the threshold locks the account at once (15 minutes by default, doubling with each further
 * lock within 24 hours, at most 24 hours) and, in the same transaction, records the lock and queues
 * the lock job (email, admins, scheduled unlock).
 */
export async function recordFailure(
  db: Database,
  settings: Settings,
  attempt: {
    userId: string;
    email: string;
    ip: string | null;
    userAgent: string | null;
    reason: "wrong_password" | "wrong_code";
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.execute<{ failures: number; locked_until: string | null; just_locked: boolean }>(sql`
      with before as (select id, locked_until from ${users} where id = ${attempt.userId} for update)
      update ${users} u set
        failed_login_attempts = u.failed_login_attempts + 1,
        logins_in_flight = greatest(u.logins_in_flight - 1, 0),
        locked_until = case
          when u.failed_login_attempts + 1 >= ${settings.lockoutThreshold} and (u.locked_until is null or u.locked_until <= now())
          then now() + make_interval(mins => least(${settings.lockoutMinutes} * power(2, (
            select count(*) from ${accountLocks} l where l.user_id = u.id and l.locked_at > now() - interval '24 hours'))::int, 1440))
          else u.locked_until end
      from before where u.id = before.id
      returning u.failed_login_attempts as failures, u.locked_until, (u.locked_until is distinct from before.locked_until) as just_locked`);
    await recordAttempt(tx, {
      email: attempt.email,
      userId: attempt.userId,
      success: false,
      reason: attempt.reason,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
    });
    await recordSecurityAudit(tx, attempt.userId, attempt.ip, "login.failed", {
      reason: attempt.reason,
      failures: row?.failures ?? null,
    });
    if (row?.just_locked && row.locked_until) {
      accountLocksTotal().inc();
      const [lock] = await tx
        .insert(accountLocks)
        .values({
          userId: attempt.userId,
          lockedUntil: new Date(row.locked_until),
          failures: row.failures,
          ip: attempt.ip,
          userAgent: attempt.userAgent,
        })
        .returning({ id: accountLocks.id });
      await enqueue(tx, lockAccountJob, { lockId: lock!.id }, { singletonKey: lock!.id });
    }
  });
}

/**
 * A successful login: resets the failure count, gives the slot back, records the date and IP, and
 * makes an invited user Active at their first login; with its attempt and audit entry, one statement
 * (data-modifying CTEs: atomic without a transaction's round trips, on the hot path of every login).
 */
export async function recordSuccess(
  db: Database,
  attempt: { userId: string; email: string; ip: string | null; userAgent: string | null },
  options: { releasesAccountSlot: boolean } = { releasesAccountSlot: true },
): Promise<{ userId: string; sessionVersion: number } | null> {
  // From a known device the account's own counters were not used: a stranger's failures stand.
  const [row] = await db.execute<{ session_version: number }>(sql`
    with updated as (
      update ${users} set
        failed_login_attempts = ${options.releasesAccountSlot ? sql`0` : sql`failed_login_attempts`},
        logins_in_flight = ${options.releasesAccountSlot ? sql`greatest(logins_in_flight - 1, 0)` : sql`logins_in_flight`},
        last_login_at = now(),
        last_login_ip = ${attempt.ip},
        status = case when status = 'invited' then 'active'::user_status else status end,
        activated_at = coalesce(activated_at, case when status = 'invited' then now() end)
      where id = ${attempt.userId}
      returning id, session_version),
    attempt as (
      insert into ${loginAttempts} (email, user_id, ip, user_agent, success, reason)
      select ${attempt.email}, updated.id, ${attempt.ip}, ${attempt.userAgent}, true, 'ok' from updated),
    audit as (
      insert into ${auditLog} (actor_id, action, target_type, target_id, ip)
      select updated.id, 'login.succeeded', 'user', updated.id::text, ${attempt.ip} from updated)
    select session_version from updated`);
  return row ? { userId: attempt.userId, sessionVersion: row.session_version } : null;
}
