import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { trustedDevices, users } from "../db/schema";
import { hashToken } from "./account-tokens";

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
 * signed in successfully keeps a random token per person; failed logins that present it count
 * against that device only. The cookie holds the tokens of the last few people who signed in there.
 */
export const deviceCookie = { name: "mt_device", maxAgeSeconds: 365 * 24 * 60 * 60, maxTokens: 5 } as const;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The tokens in a device cookie's value (malformed parts dropped). */
export function deviceTokensOf(cookieValue: string | undefined | null): string[] {
  return (cookieValue ?? "")
    .split(".")
    .filter((token) => tokenPattern.test(token))
    .slice(0, deviceCookie.maxTokens);
}

/** The device cookie's tokens from a request's Cookie header. */
export function deviceTokensFromHeaders(headers: Headers): string[] {
  const pair = (headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${deviceCookie.name}=`));
  return deviceTokensOf(pair?.slice(deviceCookie.name.length + 1));
}

/** The cookie's new value: this token first, then the others it held. */
export function deviceCookieValue(tokens: readonly string[], token: string): string {
  return [token, ...tokens.filter((t) => t !== token)].slice(0, deviceCookie.maxTokens).join(".");
}

/**
 * The user's trusted device among these tokens, or null. The server decides, not the cookie: a
 * device is trusted for the cookie's lifetime since its last successful sign-in, and only while
 * the user's password is the one it signed in with (a change or reset revokes every device).
 */
export async function findTrustedDevice(
  db: DbOrTx,
  userId: string,
  tokens: readonly string[],
): Promise<{ id: string } | null> {
  if (tokens.length === 0) return null;
  const [device] = await db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .innerJoin(users, eq(users.id, trustedDevices.userId))
    .where(
      and(
        eq(trustedDevices.userId, userId),
        inArray(trustedDevices.tokenHash, tokens.map(hashToken)),
        eq(trustedDevices.sessionVersion, users.sessionVersion),
        gt(trustedDevices.lastUsedAt, sql`now() - make_interval(secs => ${deviceCookie.maxAgeSeconds})`),
      ),
    );
  return device ?? null;
}

/** Trusts this browser for the user after a successful login: a new token, stored only as its hash. */
export async function trustDevice(db: DbOrTx, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(trustedDevices).values({
    userId,
    tokenHash: hashToken(token),
    sessionVersion: sql`(select session_version from ${users} where id = ${userId})`,
  });
  return token;
}

const staleSlot = sql`interval '5 seconds'`;

/**
 * Takes a slot to check a secret from this device, in one atomic step: the same rule as the
 * account's (failures plus checks in flight under the threshold), on the device's own counters.
 */
export async function takeDeviceSlot(db: Database, deviceId: string, threshold: number): Promise<boolean> {
  const taken = await db.execute(sql`
    update ${trustedDevices} set
      failed_login_attempts = case when locked_until <= now() then 0 else failed_login_attempts end,
      locked_until = case when locked_until <= now() then null else locked_until end,
      logins_in_flight = (case when logins_in_flight_at < now() - ${staleSlot} then 0 else logins_in_flight end) + 1,
      logins_in_flight_at = now()
    where id = ${deviceId}
      and (locked_until is null or locked_until <= now())
      and least(case when locked_until <= now() then 0 else failed_login_attempts end, ${threshold - 1})
        + (case when logins_in_flight_at < now() - ${staleSlot} then 0 else logins_in_flight end) < ${threshold}
    returning id`);
  return taken.length > 0;
}

/**
 * A wrong secret from a known device: counted on the device, which locks itself (not the account)
 * at the threshold, for as long as an account would be: doubling with each further lock of the
 * device within a day, at most a day. `justLocked` says this failure locked it (tell the person).
 */
export async function recordDeviceFailure(
  db: DbOrTx,
  deviceId: string,
  settings: { lockoutThreshold: number; lockoutMinutes: number },
): Promise<{ failures: number; locked: boolean; justLocked: boolean; lockedUntil: Date | null }> {
  const locking = sql`(failed_login_attempts + 1 >= ${settings.lockoutThreshold} and (locked_until is null or locked_until <= now()))`;
  const earlierToday = sql`(case when last_locked_at > now() - interval '24 hours' then recent_locks else 0 end)`;
  const [row] = await db.execute<{
    failures: number;
    locked: boolean;
    justLocked: boolean;
    lockedUntil: string | null;
  }>(sql`
    update ${trustedDevices} set
      failed_login_attempts = failed_login_attempts + 1,
      logins_in_flight = greatest(logins_in_flight - 1, 0),
      locked_until = case when ${locking}
        then now() + make_interval(mins => least(${settings.lockoutMinutes} * power(2, ${earlierToday})::int, 1440))
        else locked_until end,
      recent_locks = case when ${locking} then ${earlierToday} + 1 else recent_locks end,
      last_locked_at = case when ${locking} then now() else last_locked_at end
    where id = ${deviceId}
    returning failed_login_attempts as failures, locked_until is not null as locked,
      last_locked_at is not null and last_locked_at = now() as "justLocked", locked_until as "lockedUntil"`);
  return row
    ? { ...row, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null }
    : { failures: 0, locked: false, justLocked: false, lockedUntil: null };
}

export async function releaseDeviceSlot(db: DbOrTx, deviceId: string, outcome: "success" | "pending"): Promise<void> {
  await db
    .update(trustedDevices)
    .set({
      loginsInFlight: sql`greatest(${trustedDevices.loginsInFlight} - 1, 0)`,
      ...(outcome === "success" ? { failedLoginAttempts: 0, lastUsedAt: new Date() } : {}),
    })
    .where(eq(trustedDevices.id, deviceId));
}
