import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { queueEmail } from "../../email/outbox";
import { renderDeviceLocked } from "../../email/templates/device-locked";
import { env } from "../../env";
import type { Settings } from "../../settings/get-settings";
import { recordDeviceFailure, releaseDeviceSlot, takeDeviceSlot } from "../trusted-devices";
import { recordFailure, recordSuccess, releaseSlot, slotWaitMs, takeCheckSlot } from "./account-slots";
import { recordAttempt, recordSecurityAudit, sleep } from "./attempts";

/**
 * The counters a sign-in is checked under. What a failure counts against: the account (from an unknown browser), or the device the person
 * signed in from before (its own counters and lock), so a stranger's guesses elsewhere never lock
 * the person out of their own browser.
 */
export interface Guard {
  userId: string;
  deviceId: string | null;
}

export type GuardedAttempt = { email: string; ip: string | null; userAgent: string | null };

/** The password (and code) were right, but the account is suspended: the slot goes back, the failures stand. */
export async function refuseSuspended(db: Database, guard: Guard, attempt: GuardedAttempt): Promise<void> {
  await releaseGuard(db, guard);
  await recordAttempt(db, {
    email: attempt.email,
    userId: guard.userId,
    success: false,
    reason: "suspended",
    ip: attempt.ip,
    userAgent: attempt.userAgent,
  });
}

/** Takes a slot to check a secret, on the device's counters when it is known, else the account's. */
export async function takeSlot(
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

export async function releaseGuard(db: Database, guard: Guard): Promise<void> {
  if (guard.deviceId) await releaseDeviceSlot(db, guard.deviceId, "pending");
  else await releaseSlot(db, guard.userId);
}

/** A wrong password or code, counted against the device when it is known, else the account. */
export async function recordGuardedFailure(
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

/** The right secrets: the slot goes back and the account's success is recorded (null: it is gone). */
export async function recordGuardedSuccess(
  db: Database,
  guard: Guard,
  attempt: GuardedAttempt,
): Promise<{ userId: string; sessionVersion: number; knownDevice: boolean } | null> {
  if (guard.deviceId) await releaseDeviceSlot(db, guard.deviceId, "success");
  const signedIn = await recordSuccess(
    db,
    { userId: guard.userId, ...attempt },
    { releasesAccountSlot: !guard.deviceId },
  );
  return signedIn && { ...signedIn, knownDevice: guard.deviceId !== null };
}
