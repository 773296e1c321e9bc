import Bowser from "bowser";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { DomainError } from "../domain-error";
import { userSessions, users } from "../db/schema";

/** Why a session ended, as recorded on it. */
export type SessionEnd = "signed_out" | "ended_by_user" | "ended_by_admin" | "suspended" | "idle" | "expired";

/** A session's last-seen time is written at most this often: a request a second costs no write a second. */
const touchEverySeconds = 15;

/** Opens a session row at sign-in; the cookie carries its id. */
export async function startSession(
  db: DbOrTx,
  input: { userId: string; sessionVersion: number; ip: string | null; userAgent: string | null },
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({
      userId: input.userId,
      sessionVersion: input.sessionVersion,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    })
    .returning({ id: userSessions.id });
  return row!.id;
}

/**
 * Whether a session is still open, for work that outlives its request (a live stream): not ended,
 * within the absolute limit, its user not suspended and without a password change since. Idle time
 * is measured by requests, so it is not asked here; nothing is written.
 */
export async function sessionStillOpen(db: DbOrTx, sessionId: string): Promise<boolean> {
  const [row] = await db.execute<{ open: boolean }>(sql`
    select s.ended_at is null
      and s.created_at > now() - make_interval(hours => coalesce((select session_max_hours from settings), 8))
      and u.suspended_at is null and s.session_version = u.session_version as open
    from ${userSessions} s join ${users} u on u.id = s.user_id
    where s.id = ${sessionId}`);
  return row?.open ?? false;
}

/**
 * Checked on every request that carries a session, on the server, from the session's own row:
 * it is current while not ended, within the idle limit since its last request and the absolute
 * limit since sign-in (Settings), its user exists and is not suspended, and no password change
 * since. Touches last-seen (so it moves the idle limit, never the absolute one). A session found
 * past a limit is ended with the reason.
 */
export async function sessionIsCurrent(
  db: DbOrTx,
  claims: { userId: string; sessionVersion: number; sessionId: string },
): Promise<boolean> {
  const [row] = await db.execute<{ valid: boolean; ended: boolean; reason: SessionEnd | null }>(sql`
    with limits as (
      select coalesce((select session_idle_minutes from settings), 30) as idle, coalesce((select session_max_hours from settings), 8) as max),
    found as (
      select s.id, s.ended_at is not null as ended,
        case when s.created_at <= now() - make_interval(hours => limits.max) then 'expired'
             when s.last_seen_at <= now() - make_interval(mins => limits.idle) then 'idle' end as reason,
        u.suspended_at is null and u.session_version = ${claims.sessionVersion} and s.session_version = u.session_version as account_ok,
        s.last_seen_at < now() - make_interval(secs => ${touchEverySeconds}) as stale
      from ${userSessions} s join ${users} u on u.id = s.user_id cross join limits
      where s.id = ${claims.sessionId} and s.user_id = ${claims.userId}),
    touched as (
      update ${userSessions} set last_seen_at = now() from found
      where ${userSessions.id} = found.id and not found.ended and found.reason is null and found.account_ok and found.stale
      returning 1)
    select (not ended and reason is null and account_ok) as valid, ended, reason from found`);
  if (!row) return false;
  if (!row.ended && row.reason) await endSession(db, claims.sessionId, row.reason);
  return row.valid;
}

export async function endSession(db: DbOrTx, sessionId: string, reason: SessionEnd): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

/** Ends every open session of the user (but `except`, the one asking); returns how many. */
export async function endUserSessions(
  db: DbOrTx,
  userId: string,
  reason: SessionEnd,
  except?: string,
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        except ? ne(userSessions.id, except) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return ended.length;
}

export interface ActiveSession {
  id: string;
  device: string;
  browser: string;
  ip: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The user's sessions that still work (not ended, within both limits, begun since the last password change), newest first. */
export async function activeSessions(db: DbOrTx, userId: string, currentId: string | null): Promise<ActiveSession[]> {
  const rows = await db
    .select({
      id: userSessions.id,
      userAgent: userSessions.userAgent,
      ip: userSessions.ip,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        eq(userSessions.sessionVersion, users.sessionVersion),
        sql`${userSessions.createdAt} > now() - make_interval(hours => coalesce((select session_max_hours from settings), 8))`,
        sql`${userSessions.lastSeenAt} > now() - make_interval(mins => coalesce((select session_idle_minutes from settings), 30))`,
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(50);
  return rows.map((row) => ({
    id: row.id,
    ...describeAgent(row.userAgent),
    ip: row.ip,
    signedInAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === currentId,
  }));
}

/** "Chrome 156 on Windows", in two parts, from a User-Agent (bowser reads it). */
function describeAgent(userAgent: string | null): { device: string; browser: string } {
  if (!userAgent) return { device: "Unknown device", browser: "Unknown browser" };
  const parsed = Bowser.parse(userAgent);
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(" ");
  const kind = parsed.platform.type
    ? `${parsed.platform.type[0]!.toUpperCase()}${parsed.platform.type.slice(1)}`
    : null;
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  return {
    device: [kind, os ? `(${os})` : null].filter(Boolean).join(" ") || "Unknown device",
    browser: browser || "Unknown browser",
  };
}

/** The person ends one of their own sessions; another person's id is NOT_FOUND, like one that does not exist. */
export async function endOwnSession(
  db: Database,
  context: AuditContext,
  userId: string,
  sessionId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(userSessions)
      .set({ endedAt: new Date(), endReason: "ended_by_user" })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
      .returning({ id: userSessions.id });
    if (ended.length === 0) throw new DomainError("NOT_FOUND", "That session has already ended.");
    await recordAudit(tx, context, {
      action: "user.session_ended",
      targetType: "user",
      targetId: userId,
      after: { sessions: 1 },
    });
  });
}

/** The person signs out everywhere but here (`current`); returns how many sessions ended. */
export async function endOtherOwnSessions(
  db: Database,
  context: AuditContext,
  userId: string,
  current: string | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await endUserSessions(tx, userId, "ended_by_user", current ?? undefined);
    await recordAudit(tx, context, {
      action: "user.session_ended",
      targetType: "user",
      targetId: userId,
      after: { sessions: count },
    });
    return count;
  });
}
