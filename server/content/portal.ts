import { and, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { contentItems, contentVersions, courseProgress, type ContentKind } from "../db/schema";
import { DomainError } from "../domain-error";

/** The items a person has: given to one of their groups or to them, published, not archived. */
const visibleItemIds = (userId: string) => sql`(
  select a.item_id from content_assignments a where a.user_id = ${userId}
  union
  select a.item_id from content_assignments a join memberships m on m.node_id = a.node_id where m.user_id = ${userId})`;

export interface PortalItem {
  id: string;
  kind: ContentKind;
  title: string;
  summary: string;
  percent: number | null;
  completed: boolean;
}

/** How many of each kind the home page shows before "show all". */
export const portalSectionSize = 24;

/** The portal home's one query (exported for the benchmark's query plan). */
export const portalHomeQuery = (userId: string) => sql`
    select id, kind, title, summary, percent, completed, total from (
      select i.id, i.kind, v.title, v.summary, p.percent, p.completed_at is not null as completed,
        row_number() over (partition by i.kind order by v.title, i.id) as position,
        count(*) over (partition by i.kind)::int as total
      from ${visibleItemIds(userId)} visible
      join content_items i on i.id = visible.item_id and i.archived_at is null
      join content_versions v on v.item_id = i.id and v.status = 'published'
      left join course_progress p on p.item_id = i.id and p.user_id = ${userId}) ranked
    where position <= ${portalSectionSize}
    order by kind, title`;

/**
 * The portal home: what the person has, by kind (the first of each kind by title, with the counts),
 * each course with their progress. One query.
 */
export async function portalHome(
  db: DbOrTx,
  userId: string,
): Promise<{ items: PortalItem[]; counts: Record<ContentKind, number> }> {
  const rows = await db.execute<{
    id: string;
    kind: ContentKind;
    title: string;
    summary: string;
    percent: number | null;
    completed: boolean;
    total: number;
  }>(portalHomeQuery(userId));
  const counts: Record<ContentKind, number> = { product: 0, course: 0, session: 0, document: 0 };
  for (const row of rows) counts[row.kind] = row.total;
  return { items: rows.map(({ total: _total, ...item }) => item), counts };
}

/** Whether the person has an item (given to them or to a group of theirs, live and published). */
export async function itemVisibleTo(db: DbOrTx, userId: string, itemId: string): Promise<boolean> {
  return (await portalItem(db, userId, itemId)) !== null;
}

/** One item for the person, published version only; null when they do not have it. */
export async function portalItem(db: DbOrTx, userId: string, itemId: string) {
  const [row] = await db
    .select({ id: contentItems.id, kind: contentItems.kind, version: contentVersions, progress: courseProgress })
    .from(contentItems)
    .innerJoin(
      contentVersions,
      and(eq(contentVersions.itemId, contentItems.id), eq(contentVersions.status, "published")),
    )
    .leftJoin(courseProgress, and(eq(courseProgress.itemId, contentItems.id), eq(courseProgress.userId, userId)))
    .where(
      and(
        eq(contentItems.id, itemId),
        sql`${contentItems.archivedAt} is null`,
        sql`${contentItems.id} in ${visibleItemIds(userId)}`,
      ),
    );
  return row ?? null;
}

/**
 * Records that the person opened page `page` of a course: where to resume, which pages they have
 * seen, the percentage, and completion when every page was seen.
 */
export async function recordCoursePage(
  db: Database,
  userId: string,
  itemId: string,
  page: number,
): Promise<{ percent: number; completed: boolean }> {
  const item = await portalItem(db, userId, itemId);
  if (!item || item.version.body.kind !== "course")
    throw new DomainError("NOT_FOUND", "No such course in your training.");
  const total = item.version.body.pages.length;
  if (page < 0 || page >= total) throw new DomainError("BAD_REQUEST", `This course has ${total} pages.`);
  const version = item.version;
  const [row] = await db.transaction(async (tx) => {
    // Whether it was complete before this page: evidence is recorded only by the page that completes it.
    const [before] = await tx
      .select({ completedAt: courseProgress.completedAt })
      .from(courseProgress)
      .where(and(eq(courseProgress.userId, userId), eq(courseProgress.itemId, itemId)))
      .for("update");
    const progress = await tx.execute<{ percent: number; completed: boolean }>(sql`
    insert into course_progress (user_id, item_id, last_page, pages_seen, percent, completed_at)
    values (${userId}, ${itemId}, ${page}, array[${page}]::integer[], ${Math.round(100 / total)}, case when ${total} = 1 then now() end)
    on conflict (user_id, item_id) do update set
      last_page = excluded.last_page,
      pages_seen = (select array_agg(distinct p order by p) from unnest(course_progress.pages_seen || excluded.pages_seen) p where p < ${total}),
      percent = least(100, round(100.0 * (select count(distinct p) from unnest(course_progress.pages_seen || excluded.pages_seen) p where p < ${total}) / ${total}))::smallint,
      completed_at = coalesce(course_progress.completed_at,
        case when (select count(distinct p) from unnest(course_progress.pages_seen || excluded.pages_seen) p where p < ${total}) >= ${total} then now() end),
      updated_at = now()
    returning percent, completed_at is not null as completed`);
    // The evidence: this version completed, once, with its date; it stays when the item moves on.
    if (progress[0]?.completed && !before?.completedAt)
      await tx.execute(sql`
        insert into training_completions (user_id, item_id, version_id, version_number)
        values (${userId}, ${itemId}, ${version.id}, ${version.number})
        on conflict (user_id, version_id) do nothing`);
    return progress;
  });
  return { percent: row?.percent ?? 0, completed: row?.completed ?? false };
}
