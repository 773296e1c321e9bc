import { and, eq, sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { contentVersions, sessionAttendance, trainingCompletions, type SessionResponse } from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderSessionInvitation } from "../email/templates/session-invitation";
import { visibleUsersFilter, type Actor } from "../scope";
import { getSettings } from "../settings/get-settings";

/*
 * Teacher-led sessions as training evidence: the people a published session reaches are invited
 * once per version (given to them, or to a group of theirs: a job invites the group's members),
 * they answer whether they attend, and afterwards the trainer or an admin records who attended.
 * Attending completes the session's version in the person's training record, as a course does.
 */

async function publishedSession(tx: DbOrTx, itemId: string) {
  const [version] = await tx
    .select({
      id: contentVersions.id,
      number: contentVersions.number,
      title: contentVersions.title,
      body: contentVersions.body,
    })
    .from(contentVersions)
    .where(and(eq(contentVersions.itemId, itemId), eq(contentVersions.status, "published")));
  return version?.body.kind === "session" ? { ...version, body: version.body } : null;
}

/**
 * Invites the people `people` selects (a query of user ids) to the session's published version,
 * in the caller's transaction: each is recorded once and emailed its date and place once; the
 * suspended are left out. Returns how many were invited now.
 */
export async function inviteToSessionInTx(tx: DbOrTx, itemId: string, people: SQL, appUrl: string): Promise<number> {
  const session = await publishedSession(tx, itemId);
  if (!session) return 0;
  const invited = await tx.execute<{ user_id: string; email: string; first_name: string }>(sql`
    with invited as (
      insert into session_attendance (version_id, user_id, item_id)
      select ${session.id}, u.id, ${itemId} from users u
      where u.suspended_at is null and u.id in (${people})
      on conflict do nothing
      returning user_id)
    select u.id as user_id, u.email, u.first_name from invited join users u on u.id = invited.user_id`);
  if (invited.length === 0) return 0;
  const { installationName } = await getSettings(tx);
  const link = new URL(`/portal/items/${itemId}`, appUrl).toString();
  for (const person of invited)
    await queueEmail(tx, {
      kind: "session_invitation",
      to: person.email,
      userId: person.user_id,
      ...renderSessionInvitation({
        installationName,
        firstName: person.first_name,
        title: session.title,
        startsAt: session.body.startsAt,
        place: session.body.place,
        link,
      }),
    });
  return invited.length;
}

/**
 * The `session-invitations` job: invites the members of one group the session was given to, or
 * (no group: the session was just published) everyone it reaches. Idempotent: each person once per version.
 */
export async function inviteSessionAudience(
  db: Database,
  input: { itemId: string; nodeId: string | null },
  appUrl: string,
): Promise<number> {
  const people = input.nodeId
    ? sql`select m.user_id from memberships m
          join content_assignments a on a.node_id = m.node_id and a.item_id = ${input.itemId}
          where m.node_id = ${input.nodeId}`
    : sql`select m.user_id from memberships m join content_assignments a on a.node_id = m.node_id
          where a.item_id = ${input.itemId}
          union select a.user_id from content_assignments a where a.item_id = ${input.itemId} and a.user_id is not null`;
  return db.transaction((tx) => inviteToSessionInTx(tx, input.itemId, people, appUrl));
}

/** A person's own invitation to a session's published version, for the portal; null when not invited. */
export async function myAttendance(db: DbOrTx, itemId: string, userId: string) {
  const session = await publishedSession(db, itemId);
  if (!session) return null;
  const [row] = await db
    .select({
      response: sessionAttendance.response,
      respondedAt: sessionAttendance.respondedAt,
      attended: sessionAttendance.attended,
      recordedAt: sessionAttendance.recordedAt,
    })
    .from(sessionAttendance)
    .where(and(eq(sessionAttendance.versionId, session.id), eq(sessionAttendance.userId, userId)));
  return { versionNumber: session.number, invited: row !== undefined, ...(row ?? emptyAnswer) };
}
const emptyAnswer = { response: null, respondedAt: null, attended: null, recordedAt: null };

/**
 * A person answers whether they attend the session they have (the caller checked they have it):
 * recorded against its published version; a person who was not invited yet is invited by answering.
 */
export async function answerSession(
  db: Database,
  context: AuditContext,
  input: { itemId: string; userId: string; response: SessionResponse },
): Promise<void> {
  await db.transaction(async (tx) => {
    const session = await publishedSession(tx, input.itemId);
    if (!session) throw new DomainError("NOT_FOUND", "No such session.");
    await tx
      .insert(sessionAttendance)
      .values({
        versionId: session.id,
        userId: input.userId,
        itemId: input.itemId,
        response: input.response,
        respondedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: [sessionAttendance.versionId, sessionAttendance.userId],
        set: { response: input.response, respondedAt: new Date() },
      });
    await recordAudit(tx, context, {
      action: "session.answered",
      targetType: "content",
      targetId: input.itemId,
      after: { version: session.number, response: input.response },
    });
  });
}

/** Who was invited to the session's published version, among the people the admin may see, with their answers. */
export async function sessionRoster(db: DbOrTx, itemId: string, admin: Actor) {
  const usersInScope = visibleUsersFilter(admin);
  const session = await publishedSession(db, itemId);
  if (!session) return null;
  const people = await db.execute<{
    user_id: string;
    name: string;
    email: string;
    response: SessionResponse | null;
    attended: boolean | null;
    recorded_at: string | null;
  }>(sql`
    select users.id as user_id, trim(users.first_name || ' ' || users.last_name) as name, users.email,
      a.response, a.attended, a.recorded_at
    from session_attendance a join users on users.id = a.user_id
    where a.version_id = ${session.id} and ${usersInScope}
    order by users.last_name, users.first_name, users.id
    limit 2000`);
  return {
    versionNumber: session.number,
    title: session.title,
    startsAt: session.body.startsAt,
    place: session.body.place,
    people: people.map((p) => ({
      userId: p.user_id,
      name: p.name,
      email: p.email,
      response: p.response,
      attended: p.attended,
      recordedAt: p.recorded_at ? new Date(p.recorded_at) : null,
    })),
  };
}

/**
 * Records who attended the session's published version (the caller asked the resolver about each
 * person): attending completes it in their training record with its version; a correction to "did
 * not attend" takes that completion back. One transaction, an audit entry per person changed.
 */
export async function recordAttendance(
  db: Database,
  context: AuditContext,
  input: { itemId: string; entries: { userId: string; attended: boolean }[] },
): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    const session = await publishedSession(tx, input.itemId);
    if (!session) throw new DomainError("NOT_FOUND", "No such session.");
    let changed = 0;
    for (const entry of input.entries) {
      const [before] = await tx
        .select({ attended: sessionAttendance.attended })
        .from(sessionAttendance)
        .where(and(eq(sessionAttendance.versionId, session.id), eq(sessionAttendance.userId, entry.userId)))
        .for("update");
      if (!before) throw new DomainError("BAD_REQUEST", "Record attendance only for people invited to this session.");
      if (before.attended === entry.attended) continue;
      await tx
        .update(sessionAttendance)
        .set({ attended: entry.attended, recordedBy: context.actorId, recordedAt: new Date() })
        .where(and(eq(sessionAttendance.versionId, session.id), eq(sessionAttendance.userId, entry.userId)));
      if (entry.attended)
        await tx
          .insert(trainingCompletions)
          .values({
            userId: entry.userId,
            itemId: input.itemId,
            versionId: session.id,
            versionNumber: session.number,
          })
          .onConflictDoNothing();
      else
        await tx
          .delete(trainingCompletions)
          .where(and(eq(trainingCompletions.userId, entry.userId), eq(trainingCompletions.versionId, session.id)));
      await recordAudit(tx, context, {
        action: entry.attended ? "session.attended" : "session.not_attended",
        targetType: "user",
        targetId: entry.userId,
        before: { attended: before.attended },
        after: { itemId: input.itemId, version: session.number, attended: entry.attended },
      });
      changed += 1;
    }
    return { changed };
  });
}
