import { and, eq, sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { contentFeedback } from "../db/schema";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/inbox";
import { portalItem } from "../content/portal";
import { administeredGrants, visibleNodesFilter, visibleUsersFilter, type Actor } from "../scope";

/** A rating this low tells the item's editors at once. */
export const lowRating = 2;

/**
 * A person's feedback on the published version of an item they have: one per person and version,
 * so giving it again edits it (and an edited comment is no longer marked handled). A low rating
 * notifies the item's editors in the dashboard, once per feedback.
 */
export async function giveFeedback(
  db: Database,
  userId: string,
  input: { itemId: string; rating: number; comment: string },
): Promise<{ id: string }> {
  const item = await portalItem(db, userId, input.itemId);
  if (!item) throw new DomainError("NOT_FOUND", "No such item among yours.");
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(contentFeedback)
      .values({
        itemId: input.itemId,
        versionId: item.version.id,
        userId,
        rating: input.rating,
        comment: input.comment,
      })
      .onConflictDoUpdate({
        target: [contentFeedback.userId, contentFeedback.versionId],
        set: {
          rating: input.rating,
          comment: input.comment,
          updatedAt: sql`now()`,
          handledAt: sql`case when ${contentFeedback.comment} = excluded.comment then ${contentFeedback.handledAt} end`,
          handledBy: sql`case when ${contentFeedback.comment} = excluded.comment then ${contentFeedback.handledBy} end`,
        },
      })
      .returning({ id: contentFeedback.id });
    if (!saved) throw new Error("feedback upsert returned no row");
    if (input.rating <= lowRating) {
      await notify(tx, await itemEditors(tx, input.itemId), {
        kind: "feedback_low",
        title: `A low rating for ${item.version.title}`,
        body: `${input.rating} of 5${input.comment ? `: ${input.comment.slice(0, 200)}` : "."}`,
        link: `/dashboard/content/${input.itemId}#feedback`,
        sourceId: saved.id,
      });
    }
    return saved;
  });
}

/**
 * The item's editors: the owner admins who wrote, approved or published a version of it (or
 * created it), and who still are owner admins and not suspended.
 */
async function itemEditors(tx: DbOrTx, itemId: string): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    select distinct u.id from users u
    join role_assignments r on r.user_id = u.id and r.role = 'owner_admin'
    where u.suspended_at is null and u.id in (
      select created_by from content_items where id = ${itemId}
      union select created_by from content_versions where item_id = ${itemId}
      union select approved_by from content_versions where item_id = ${itemId}
      union select published_by from content_versions where item_id = ${itemId})`);
  return rows.map((row) => row.id);
}

/** The person's own feedback on the version of the item they see now, if they gave it. */
export async function ownFeedback(db: DbOrTx, userId: string, itemId: string) {
  const item = await portalItem(db, userId, itemId);
  if (!item) throw new DomainError("NOT_FOUND", "No such item among yours.");
  const [mine] = await db
    .select({ rating: contentFeedback.rating, comment: contentFeedback.comment, updatedAt: contentFeedback.updatedAt })
    .from(contentFeedback)
    .where(and(eq(contentFeedback.userId, userId), eq(contentFeedback.versionId, item.version.id)));
  return { version: item.version.number, feedback: mine ?? null };
}

/** Feedback of the people the actor sees (every one for owner admins), as SQL over content_feedback. */
const inScope = (actor: Actor, author: SQL = sql`f.user_id`) =>
  sql`${author} in (select users.id from users where ${visibleUsersFilter(actor)})`;

/**
 * What an item's readers said, as the actor may see it: per published version, the count, the
 * average and the distribution; the comments of one version (newest first, by rating if asked),
 * 20 a page. Only the feedback of people in the actor's scope counts.
 */
export async function feedbackSummary(
  db: DbOrTx,
  actor: Actor,
  input: { itemId: string; versionId?: string | undefined; rating?: number | undefined; page: number },
) {
  // An item that has not reached the admin's part of the tree does not exist for them.
  if (administeredGrants(actor) !== "all") {
    const [reached] = await db.execute<{ ok: boolean }>(sql`
      select true as ok from content_assignments a join nodes on nodes.id = a.node_id
      where a.item_id = ${input.itemId} and ${visibleNodesFilter(actor)} limit 1`);
    if (!reached) throw new DomainError("NOT_FOUND", "No such item in your scope.");
  }
  const versions = await db.execute<{
    id: string;
    number: number;
    status: string;
    count: number;
    average: number | null;
    distribution: number[];
  }>(sql`
    select v.id, v.number, v.status, count(f.id)::int as count, round(avg(f.rating), 2)::float as average,
      array[${sql.join(
        [1, 2, 3, 4, 5].map((r) => sql`count(f.id) filter (where f.rating = ${r})::int`),
        sql`, `,
      )}] as distribution
    from content_versions v
    left join content_feedback f on f.version_id = v.id and ${inScope(actor)}
    where v.item_id = ${input.itemId} and v.status in ('published', 'retired')
    group by v.id order by v.number desc`);
  const versionId = input.versionId ?? versions[0]?.id;
  if (!versionId) return { versions: [], versionId: null, comments: [], commentCount: 0 };
  if (!versions.some((v) => v.id === versionId)) throw new DomainError("NOT_FOUND", "No such version.");
  const where = and(
    sql`f.version_id = ${versionId}`,
    sql`f.comment <> ''`,
    input.rating ? sql`f.rating = ${input.rating}` : undefined,
    inScope(actor),
  );
  const pageSize = 20;
  const [comments, counted] = await Promise.all([
    db.execute<{
      id: string;
      rating: number;
      comment: string;
      updatedAt: string;
      handledAt: string | null;
      authorName: string;
    }>(sql`
      select f.id, f.rating, f.comment, f.updated_at as "updatedAt", f.handled_at as "handledAt",
        u.first_name || ' ' || u.last_name as "authorName"
      from content_feedback f join users u on u.id = f.user_id
      where ${where}
      order by f.updated_at desc, f.id desc
      limit ${pageSize} offset ${(input.page - 1) * pageSize}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from content_feedback f where ${where}`),
  ]);
  return {
    versions: [...versions],
    versionId,
    comments: [...comments],
    commentCount: counted[0]?.n ?? 0,
    pageSize,
  };
}

/** A content editor marks a comment handled (or not yet); recorded in the audit log. */
export async function markFeedbackHandled(
  db: Database,
  context: AuditContext & { actorId: string },
  feedbackId: string,
  handled: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contentFeedback)
      .set({ handledAt: handled ? new Date() : null, handledBy: handled ? context.actorId : null })
      .where(eq(contentFeedback.id, feedbackId))
      .returning({ itemId: contentFeedback.itemId });
    if (!row) throw new DomainError("NOT_FOUND", "No such feedback.");
    await recordAudit(tx, context, {
      action: handled ? "feedback.handled" : "feedback.reopened",
      targetType: "content",
      targetId: row.itemId,
      after: { feedbackId },
    });
  });
}

/** The average rating of each item over the people the actor sees: for the reports. */
export async function averageRatings(db: DbOrTx, actor: Actor, itemIds: readonly string[]) {
  if (itemIds.length === 0) return new Map<string, { average: number; count: number }>();
  const rows = await db.execute<{ itemId: string; average: number; count: number }>(sql`
    select f.item_id as "itemId", round(avg(f.rating), 2)::float as average, count(*)::int as count
    from content_feedback f
    join content_versions v on v.id = f.version_id and v.status = 'published'
    where f.item_id = any(${sql.param([...itemIds])}::uuid[]) and ${inScope(actor)}
    group by f.item_id`);
  return new Map(rows.map((row) => [row.itemId, { average: row.average, count: row.count }]));
}
