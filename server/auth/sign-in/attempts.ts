import { sql } from "drizzle-orm";
import { recordAudit } from "../../audit/record-audit";
import type { Database, DbOrTx } from "../../db/client";
import { loginAttempts } from "../../db/schema";
import { loginsTotal } from "../../ops/metrics";
import type { Settings } from "../../settings/get-settings";

/**
 * What every sign-in step writes down: the attempt's row (with its count in the metrics), the
 * security entries of the audit log, and the network's throttle read from those rows. The lowest
 * step: it imports no other step.
 */

/** Every sign-in attempt's row, and its count in the metrics: the one way an attempt is recorded. */
export function recordAttempt(executor: DbOrTx, row: typeof loginAttempts.$inferInsert) {
  loginsTotal().inc({ result: row.success ? "ok" : "failed", reason: row.reason });
  return executor.insert(loginAttempts).values(row);
}

/** Why a login failed, as recorded in login_attempts (never shown: every failure looks the same). */
export type FailureReason =
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

/** The least time a failed sign-in or secret check takes (a successful one takes about 20 ms here). */
export const failureFloorMs = 75;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether this IP address has failed too often lately, across every account (credential stuffing). */
export async function ipThrottled(db: Database, ip: string | null, settings: Settings): Promise<boolean> {
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
