import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, DbOrTx } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { accountLocks, auditLog, loginAttempts, userSessions, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderDeviceLocked } from "../email/templates/device-locked";
import { env } from "../env";
import { enqueue } from "../jobs/enqueue";
import { accountLocksTotal, loginsTotal } from "../ops/metrics";
import { getSettings, type Settings } from "../settings/get-settings";
import { consumeToken, findUsableToken, issueToken } from "./account-tokens";
import { dummyPasswordHash, verifyPassword } from "./password";
import { findTrustedDevice, recordDeviceFailure, releaseDeviceSlot, takeDeviceSlot } from "./trusted-devices";
import { totpCode } from "./totp-code";
import { checkSecondFactor } from "./two-factor";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(1024),
  // An HTTP client may send the two-step code with the password, in one request.
  code: z.preprocess((value) => (value === "" ? undefined : value), totpCode.optional()),
});

export interface LoginContext {
  ip: string | null;
  userAgent: string | null;
  /** The device cookie's tokens (trusted-devices.ts): failures from a known device count against it only. */
  deviceTokens?: readonly string[];
}

/** "second_factor": the password was right and the account uses two-step verification; the
 * challenge (a single-use token, 5 minutes) goes with the code to attemptSecondFactor.
 * `knownDevice`: the login came from a browser the person signed in from before. */
export type LoginResult =
  | { ok: true; userId: string; sessionVersion: number; knownDevice: boolean }
  | { ok: false; suspended?: { userId: string } }
  | { ok: "second_factor"; challenge: string };

/**
 * What a failure counts against: the account (from an unknown browser), or the device the person
 * signed in from before (its own counters and lock), so a stranger's guesses elsewhere never lock
 * the person out of their own browser.
 */
interface Guard {
  userId: string;
  deviceId: string | null;
}

/** Why a login failed, as recorded in login_attempts (never shown: every failure looks the same). */
/** Every sign-in attempt's row, and its count in the metrics: the one way an attempt is recorded. */
function recordAttempt(executor: DbOrTx, row: typeof loginAttempts.$inferInsert) {
  loginsTotal().inc({ result: row.success ? "ok" : "failed", reason: row.reason });
  return executor.insert(loginAttempts).values(row);
}

type FailureReason =
  | "malformed"
  | "unknown_email"
  | "no_password"
  | "suspended"
  | "locked"
  | "busy"
  | "ip_throttled"
  | "wrong_password"
  | "wrong_code";

/** Failures that checked a secret: what the per-IP throttle counts. */
const evaluatedFailures = ["unknown_email", "no_password", "wrong_password", "wrong_code"] as const;

/** A slot older than this belongs to a process that died while checking a password. */
const staleSlot = sql`interval '5 seconds'`;
/** How long a login waits for a slot while other checks of the same account are in flight. */
const slotWaitMs = 5_000;

const emailForRecord = (raw: unknown) => (typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 320) : "");
const challengeTtlMs = 5 * 60_000;
/** The least time a failed login takes (a successful one takes about 20 ms here, see the README). */
const failureFloorMs = 75;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks one login attempt and records it. Every failure looks the same to the caller (no hint
 * whether the email exists or the account is locked).
 *
 * The lock holds under concurrency without serialising logins: before a password is checked, one
 * atomic UPDATE takes a slot on the account, granted only while failures plus checks in flight stay
 * under the lockout threshold. Fifty wrong guesses at once therefore check at most the threshold's
 * number of passwords; the rest wait for a slot, find the account locked and are refused unchecked.
 * Fifty right passwords at once all get in: they only wait their turn near the threshold.
 */
export async function attemptLogin(
  db: Database,
  input: unknown,
  context: LoginContext,
  serverSecret?: string,
): Promise<LoginResult> {
  const started = performance.now();
  const result = await checkLogin(db, input, context, serverSecret);
  // Every failure takes at least as long: an unknown address, a locked account, a throttled network
  // and a wrong password then look alike in time as well as in words (a dummy hash alone leaves
  // the known account's extra writes measurable).
  if (result.ok === false) await sleep(Math.max(0, failureFloorMs - (performance.now() - started)));
  return result;
}

async function checkLogin(
  db: Database,
  input: unknown,
  context: LoginContext,
  serverSecret: string | undefined,
): Promise<LoginResult> {
  const ip = context.ip?.slice(0, 64) ?? null;
  const userAgent = context.userAgent?.slice(0, 512) ?? null;
  const record = (
    userId: string | null,
    email: string,
    success: boolean,
    reason: FailureReason | "ok" | "password_ok",
    executor: DbOrTx = db,
  ) => recordAttempt(executor, { email, userId, success, reason, ip, userAgent });

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    const rawEmail = typeof input === "object" && input !== null && "email" in input ? input.email : undefined;
    await record(null, emailForRecord(rawEmail), false, "malformed");
    return { ok: false };
  }
  const { email, password, code } = parsed.data;
  const settings = await getSettings(db);
  if (await ipThrottled(db, ip, settings)) {
    await record(null, email, false, "ip_throttled");
    return { ok: false };
  }

  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      twoFactorEnabled: users.twoFactorEnabled,
      suspendedAt: users.suspendedAt,
    })
    .from(users)
    .where(eq(users.email, email));
  if (!user || !user.passwordHash) {
    // The same work as a real check, so the time taken says nothing about the address.
    await verifyPassword(await dummyPasswordHash(), password);
    await record(user?.id ?? null, email, false, user ? "no_password" : "unknown_email");
    return { ok: false };
  }

  const device = await findTrustedDevice(db, user.id, context.deviceTokens ?? []);
  const guard: Guard = { userId: user.id, deviceId: device?.id ?? null };
  // A suspended account's password is checked like any other (under the same slots and lock), so
  // only the person who knows it learns that the account is suspended.
  const slot = await takeSlot(db, guard, settings.lockoutThreshold);
  if (slot !== "slot") {
    await record(user.id, email, false, slot);
    return { ok: false };
  }
  const attempt = { email, ip, userAgent };
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordGuardedFailure(db, settings, guard, { ...attempt, reason: "wrong_password" });
    return { ok: false };
  }
  if (user.twoFactorEnabled && code !== undefined && serverSecret) {
    // Password and code in one request: the code is checked under the same slot.
    const accepted = await db.transaction(
      async (tx) => (await checkSecondFactor(tx, serverSecret, user.id, code)) !== null,
    );
    if (!accepted) {
      await recordGuardedFailure(db, settings, guard, { ...attempt, reason: "wrong_code" });
      return { ok: false };
    }
    if (user.suspendedAt) return refuseSuspended(db, guard, attempt);
    return recordGuardedSuccess(db, guard, attempt);
  }
  if (user.twoFactorEnabled) {
    // Half-way: the failure count stands until the code is right too (wrong codes count as failures).
    await releaseGuard(db, guard);
    await record(user.id, email, false, "password_ok");
    return {
      ok: "second_factor",
      // A suspended account is told so only once the code is right too.
      challenge: await issueToken(db, {
        userId: user.id,
        purpose: "second_factor",
        ttlMs: challengeTtlMs,
        keepEarlier: true,
      }),
    };
  }
  if (user.suspendedAt) return refuseSuspended(db, guard, attempt);
  return recordGuardedSuccess(db, guard, attempt);
}

/**
 * The password (and code) were right, but the account is suspended: the slot goes back, the
 * failures stand, and the person is told the truth instead of "did not work".
 */
async function refuseSuspended(db: Database, guard: Guard, attempt: GuardedAttempt): Promise<LoginResult> {
  await releaseGuard(db, guard);
  await recordAttempt(db, {
    email: attempt.email,
    userId: guard.userId,
    success: false,
    reason: "suspended",
    ip: attempt.ip,
    userAgent: attempt.userAgent,
  });
  return { ok: false, suspended: { userId: guard.userId } };
}

/** Takes a slot to check a secret, on the device's counters when it is known, else the account's. */
async function takeSlot(
  db: Database,
  guard: Guard,
  threshold: number,
): Promise<"slot" | "suspended" | "locked" | "busy"> {
  if (!guard.deviceId) return takeCheckSlot(db, guard.userId, threshold);
  const deadline = Date.now() + slotWaitMs;
  // A known device's slots are taken the same way; its lock refuses only this device.
  for (;;) {
    if (await takeDeviceSlot(db, guard.deviceId, threshold)) return "slot";
    if (Date.now() > deadline) return "locked";
    const [state] = await db.execute<{ locked: boolean }>(
      sql`select coalesce(locked_until > now(), false) as locked from trusted_devices where id = ${guard.deviceId}`,
    );
    if (!state || state.locked) return "locked";
    await sleep(10 + Math.random() * 20);
  }
}

async function releaseGuard(db: Database, guard: Guard): Promise<void> {
  if (guard.deviceId) await releaseDeviceSlot(db, guard.deviceId, "pending");
  else await releaseSlot(db, guard.userId);
}

type GuardedAttempt = { email: string; ip: string | null; userAgent: string | null };

async function recordGuardedFailure(
  db: Database,
  settings: Settings,
  guard: Guard,
  attempt: GuardedAttempt & { reason: "wrong_password" | "wrong_code" },
): Promise<void> {
  if (!guard.deviceId) return recordFailure(db, settings, { userId: guard.userId, ...attempt });
  const deviceId = guard.deviceId;
  await db.transaction(async (tx) => {
    const counted = await recordDeviceFailure(tx, deviceId, settings);
    await recordAttempt(tx, {
      email: attempt.email,
      userId: guard.userId,
      success: false,
      reason: attempt.reason,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
    });
    await recordSecurityAudit(tx, guard.userId, attempt.ip, "login.failed", {
      reason: attempt.reason,
      failures: counted.failures,
      knownDevice: true,
      deviceLocked: counted.locked,
    });
    // The person learns that a browser of theirs locked itself, as they would of their account.
    if (counted.justLocked && counted.lockedUntil) {
      const [user] = await tx
        .select({ email: users.email, firstName: users.firstName })
        .from(users)
        .where(eq(users.id, guard.userId));
      if (user)
        await queueEmail(tx, {
          kind: "device_locked",
          to: user.email,
          userId: guard.userId,
          ...renderDeviceLocked({
            installationName: settings.installationName,
            firstName: user.firstName,
            failures: counted.failures,
            ip: attempt.ip,
            lockedUntil: counted.lockedUntil,
            appUrl: env().APP_URL,
          }),
        });
    }
  });
}

async function recordGuardedSuccess(db: Database, guard: Guard, attempt: GuardedAttempt): Promise<LoginResult> {
  if (guard.deviceId) await releaseDeviceSlot(db, guard.deviceId, "success");
  return recordSuccess(
    db,
    { userId: guard.userId, ...attempt },
    { releasesAccountSlot: !guard.deviceId, knownDevice: guard.deviceId !== null },
  );
}

/**
 * The second step of a login with two-step verification: the challenge from the first step and a
 * code from the authenticator app (or a recovery code). A wrong code counts as a failed login, under
 * the same slots and lock as a wrong password; the challenge stays usable until it works or expires.
 */
export async function attemptSecondFactor(
  db: Database,
  serverSecret: string,
  input: { challenge: string; code: string },
  context: LoginContext,
): Promise<LoginResult> {
  const ip = context.ip?.slice(0, 64) ?? null;
  const userAgent = context.userAgent?.slice(0, 512) ?? null;
  const code = totpCode.safeParse(input.code);
  const token = await findUsableToken(db, "second_factor", input.challenge);
  if (!token) return { ok: false };
  const [user] = await db
    .select({ id: users.id, email: users.email, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.id, token.userId));
  if (!user) return { ok: false };
  const settings = await getSettings(db);
  if (await ipThrottled(db, ip, settings)) {
    await recordAttempt(db, {
      email: user.email,
      userId: user.id,
      success: false,
      reason: "ip_throttled",
      ip,
      userAgent,
    });
    return { ok: false };
  }
  const device = await findTrustedDevice(db, user.id, context.deviceTokens ?? []);
  const guard: Guard = { userId: user.id, deviceId: device?.id ?? null };
  const slot = await takeSlot(db, guard, settings.lockoutThreshold);
  if (slot !== "slot") {
    await recordAttempt(db, { email: user.email, userId: user.id, success: false, reason: slot, ip, userAgent });
    return { ok: false };
  }
  const accepted = code.success
    ? await db.transaction(async (tx) => {
        const factor = await checkSecondFactor(tx, serverSecret, user.id, code.data);
        // The challenge is used up only with a good code, in the same transaction.
        return factor !== null && (await consumeToken(tx, "second_factor", input.challenge)) !== null;
      })
    : false;
  if (!accepted) {
    await recordGuardedFailure(db, settings, guard, { email: user.email, ip, userAgent, reason: "wrong_code" });
    return { ok: false };
  }
  if (user.suspendedAt) return refuseSuspended(db, guard, { email: user.email, ip, userAgent });
  return recordGuardedSuccess(db, guard, { email: user.email, ip, userAgent });
}

/**
 * A checked login, handed to next-auth to open the session: a single-use token valid for a minute,
 * so the password (or code) is checked once, here, and not again by the sign-in callback.
 */
export function issueSignInTicket(db: Database, userId: string): Promise<string> {
  return issueToken(db, { userId, purpose: "sign_in", ttlMs: 60_000, keepEarlier: true });
}

/** Uses a sign-in ticket: the user and their session version, or null (unknown, used, expired). */
export async function redeemSignInTicket(
  db: Database,
  ticket: string,
): Promise<{ userId: string; sessionVersion: number } | null> {
  return db.transaction(async (tx) => {
    const token = await consumeToken(tx, "sign_in", ticket);
    if (!token) return null;
    // The lock was checked where the ticket was issued (a known device may sign in while strangers' guesses lock the account).
    const [user] = await tx
      .select({ id: users.id, sessionVersion: users.sessionVersion, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, token.userId));
    if (!user || user.suspendedAt) return null;
    return { userId: user.id, sessionVersion: user.sessionVersion };
  });
}

/** Whether this IP address has failed too often lately, across every account (credential stuffing). */
async function ipThrottled(db: Database, ip: string | null, settings: Settings): Promise<boolean> {
  if (!ip) return false;
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from ${loginAttempts}
      where ip = ${ip} and at > now() - make_interval(mins => ${settings.ipThrottleMinutes}) and not success
        and reason in (${sql.join(
          evaluatedFailures.map((r) => sql`${r}`),
          sql`, `,
        )})
      limit ${settings.ipThrottleFailures}) recent`);
  return (row?.n ?? 0) >= settings.ipThrottleFailures;
}

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
      await enqueue(tx, "lock-account", { lockId: lock!.id }, { singletonKey: lock!.id });
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
  options: { releasesAccountSlot: boolean; knownDevice: boolean } = { releasesAccountSlot: true, knownDevice: false },
): Promise<LoginResult> {
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
  if (!row) return { ok: false };
  return { ok: true, userId: attempt.userId, sessionVersion: row.session_version, knownDevice: options.knownDevice };
}

/** A security event in the audit log, its actor being the account itself. */
export function recordSecurityAudit(
  tx: DbOrTx,
  userId: string,
  ip: string | null,
  action: string,
  after: Record<string, unknown> | null = null,
): Promise<void> {
  return recordAudit(tx, { actorId: userId, ip }, { action, targetType: "user", targetId: userId, after });
}

/**
 * A secret asked again inside a session (the current password to change it, a code to turn
 * two-step verification off or to make new recovery codes, a signature): with the same least time
 * per failure as a login, and counted so that a stolen session cannot guess it without limit.
 *
 * With a session (the app's requests), the count is the session's own: a lock of the account caused
 * by others' failed sign-ins never stops the person who is signed in, and a session that reaches the
 * threshold of wrong secrets is ended (the person signs in again). Without one (the app's own
 * server code), the account's slots, counters and lock apply, as for a login. `check` runs only
 * with a slot and says whether the secret was right; a secret that was not checked is never called
 * wrong: the refusal says why it was not checked.
 */
export async function checkSecretInSession(
  db: Database,
  attempt: {
    userId: string;
    sessionId: string | null;
    ip: string | null;
    userAgent: string | null;
    reason: "wrong_password" | "wrong_code";
  },
  check: () => Promise<boolean>,
): Promise<boolean> {
  const started = performance.now();
  const settings = await getSettings(db);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, attempt.userId));
  if (!user) throw new DomainError("UNAUTHORIZED", "Please sign in.");
  const slot = attempt.sessionId
    ? await takeSessionCheckSlot(db, attempt.sessionId, attempt.userId, settings.lockoutThreshold)
    : await takeCheckSlot(db, attempt.userId, settings.lockoutThreshold);
  if (slot !== "slot") {
    if (slot !== "ended")
      await recordAttempt(db, {
        email: user.email,
        userId: attempt.userId,
        success: false,
        reason: slot,
        ip: attempt.ip,
        userAgent: attempt.userAgent,
      });
    throw new DomainError(slot === "busy" ? "TOO_MANY_REQUESTS" : "FORBIDDEN", notChecked[slot]);
  }
  const release = () =>
    attempt.sessionId ? releaseSessionCheckSlot(db, attempt.sessionId, "right") : releaseSlot(db, attempt.userId);
  let right = false;
  try {
    right = await check();
  } catch (error) {
    await (attempt.sessionId
      ? releaseSessionCheckSlot(db, attempt.sessionId, "error")
      : releaseSlot(db, attempt.userId));
    throw error;
  }
  if (right) await release();
  else if (attempt.sessionId)
    await recordSessionSecretFailure(db, settings, { ...attempt, sessionId: attempt.sessionId });
  else
    await recordFailure(db, settings, {
      userId: attempt.userId,
      email: user.email,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      reason: attempt.reason,
    });
  if (!right) await sleep(Math.max(0, failureFloorMs - (performance.now() - started)));
  return right;
}

/** What a person is told when their secret was not checked at all, by why. */
const notChecked: Record<"suspended" | "locked" | "busy" | "ended", string> = {
  suspended: "This account is suspended.",
  locked:
    "This account is locked after several failed attempts, so nothing was checked. It unlocks by itself; the email sent to you says when.",
  busy: "Another check of your password or code is still running. Try again in a moment.",
  ended: "Your session has ended, so nothing was checked. Sign in again.",
};

/**
 * Takes one of the session's slots for checking a secret, in one atomic step: while the session is
 * open and its failures and checks in flight stay under the threshold. Waits a moment for a check
 * in flight to finish, like the account's slots.
 */
async function takeSessionCheckSlot(
  db: Database,
  sessionId: string,
  userId: string,
  threshold: number,
): Promise<"slot" | "suspended" | "ended" | "busy"> {
  const deadline = Date.now() + slotWaitMs;
  for (;;) {
    const taken = await db.execute(sql`
      update ${userSessions} set
        secret_checks_in_flight = (case when secret_checks_at < now() - ${staleSlot} then 0 else secret_checks_in_flight end) + 1,
        secret_checks_at = now()
      where id = ${sessionId} and user_id = ${userId} and ended_at is null
        and secret_failures + (case when secret_checks_at < now() - ${staleSlot} then 0 else secret_checks_in_flight end) < ${threshold}
        and exists (select 1 from ${users} u where u.id = ${userId} and u.suspended_at is null)
      returning id`);
    if (taken.length > 0) return "slot";
    const [state] = await db.execute<{ ended: boolean; suspended: boolean; failures: number }>(sql`
      select s.ended_at is not null as ended, u.suspended_at is not null as suspended, s.secret_failures as failures
      from ${userSessions} s join ${users} u on u.id = s.user_id where s.id = ${sessionId} and s.user_id = ${userId}`);
    if (!state || state.ended || state.failures >= threshold) return "ended";
    if (state.suspended) return "suspended";
    if (Date.now() > deadline) return "busy";
    await sleep(10 + Math.random() * 20);
  }
}

async function releaseSessionCheckSlot(db: DbOrTx, sessionId: string, outcome: "right" | "error"): Promise<void> {
  await db.execute(sql`
    update ${userSessions} set secret_checks_in_flight = greatest(secret_checks_in_flight - 1, 0)
      ${outcome === "right" ? sql`, secret_failures = 0` : sql``}
    where id = ${sessionId}`);
}

/**
 * A wrong secret inside a session: counted on the session and recorded in the audit log; the
 * failure that reaches the threshold ends the session, so a stolen one cannot go on guessing (the
 * account itself stays open to its owner's other sessions and sign-ins).
 */
async function recordSessionSecretFailure(
  db: Database,
  settings: Settings,
  attempt: {
    userId: string;
    sessionId: string;
    ip: string | null;
    reason: "wrong_password" | "wrong_code";
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.execute<{ failures: number }>(sql`
      update ${userSessions} set
        secret_failures = secret_failures + 1,
        secret_checks_in_flight = greatest(secret_checks_in_flight - 1, 0),
        ended_at = case when secret_failures + 1 >= ${settings.lockoutThreshold} then coalesce(ended_at, now()) else ended_at end,
        end_reason = case when secret_failures + 1 >= ${settings.lockoutThreshold} then coalesce(end_reason, 'too_many_wrong_secrets') else end_reason end
      where id = ${attempt.sessionId}
      returning secret_failures as failures`);
    // Not a sign-in attempt (the network's sign-in throttle does not count it): the audit log has it.
    await recordSecurityAudit(tx, attempt.userId, attempt.ip, "session.secret_failed", {
      reason: attempt.reason,
      failures: row?.failures ?? null,
      sessionEnded: (row?.failures ?? 0) >= settings.lockoutThreshold,
    });
  });
}
