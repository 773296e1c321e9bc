import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { getSettings } from "../settings/get-settings";
import { consumeToken, findUsableToken, issueToken } from "./account-tokens";
import { dummyPasswordHash, verifyPassword } from "./password";
import { recordAttempt, failureFloorMs, ipThrottled, sleep, type FailureReason } from "./sign-in/attempts";
import {
  recordGuardedFailure,
  recordGuardedSuccess,
  refuseSuspended,
  releaseGuard,
  takeSlot,
  type Guard,
  type GuardedAttempt,
} from "./sign-in/guard";
import { findTrustedDevice } from "./trusted-devices";
import { totpCode } from "./totp-code";
import { checkSecondFactor } from "./two-factor";

/**
 * A sign-in, step by step: the network's throttle and the attempt's record (sign-in/attempts.ts),
 * the slots of the account or of a known device (sign-in/guard.ts, sign-in/account-slots.ts), the
 * password, the second factor (two-factor.ts), and the ticket that opens the session
 * (sign-in/ticket.ts). Imports go one way: from here down to the steps.
 */
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

const emailForRecord = (raw: unknown) => (typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 320) : "");
const challengeTtlMs = 5 * 60_000;

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
    return user.suspendedAt ? suspended(db, guard, attempt) : signedIn(db, guard, attempt);
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
  return user.suspendedAt ? suspended(db, guard, attempt) : signedIn(db, guard, attempt);
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
  const attempt = { email: user.email, ip, userAgent };
  return user.suspendedAt ? suspended(db, guard, attempt) : signedIn(db, guard, attempt);
}

/**
 * The password (and code) were right, but the account is suspended: the slot goes back, the
 * failures stand, and the person is told the truth instead of "did not work".
 */
async function suspended(db: Database, guard: Guard, attempt: GuardedAttempt): Promise<LoginResult> {
  await refuseSuspended(db, guard, attempt);
  return { ok: false, suspended: { userId: guard.userId } };
}

async function signedIn(db: Database, guard: Guard, attempt: GuardedAttempt): Promise<LoginResult> {
  const person = await recordGuardedSuccess(db, guard, attempt);
  return person ? { ok: true, ...person } : { ok: false };
}
