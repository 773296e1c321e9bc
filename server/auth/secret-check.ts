import { eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { userSessions, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { getSettings, type Settings } from "../settings/get-settings";
import { recordFailure, releaseSlot, slotWaitMs, staleSlot, takeCheckSlot } from "./sign-in/account-slots";
import { failureFloorMs, recordAttempt, recordSecurityAudit, sleep } from "./sign-in/attempts";

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
