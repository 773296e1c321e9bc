import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { administeredGrants, visibleNodesFilter, type Actor } from "../scope";

/** One row of the progress report: a group (or a customer, all its groups together). */
export type ProgressRow = {
  id: string;
  name: string;
  within: string | null;
  enrolled: number;
  started: number;
  completed: number;
  averagePercent: number;
  /** The people's average rating of the course's published version (1–5), null when none rated it. */
  averageRating: number | null;
  ratings: number;
};

/**
 * Progress in one course or teacher-led session, per group and per customer, in the groups the
 * actor administers. Enrolled: the members of a group who have it (through that group or given to
 * them directly). For a course: started, those with progress; completed, those who saw every page;
 * the average counts the not started as 0. For a session: started, those invited to its published
 * version; completed, those recorded as having attended; the average is the share who attended.
 * A customer counts each person once, however many of its groups they are in.
 */
export async function courseProgressReport(
  db: DbOrTx,
  actor: Actor,
  itemId: string,
): Promise<{ kind: "course" | "session"; groups: ProgressRow[]; customers: ProgressRow[] }> {
  const [item] = await db.execute<{ kind: string }>(sql`select kind from content_items where id = ${itemId}`);
  const kind = item?.kind === "session" ? "session" : "course";
  const progress =
    kind === "session"
      ? sql`select a.user_id, case when a.attended then 100 else 0 end as percent,
              case when a.attended then a.recorded_at end as completed_at
            from session_attendance a join content_versions v on v.id = a.version_id and v.status = 'published'
            where a.item_id = ${itemId}`
      : sql`select user_id, percent, completed_at from course_progress where item_id = ${itemId}`;
  const enrolled = sql`
    select distinct m.node_id as group_id, g.parent_id as customer_id, m.user_id
    from memberships m
    join nodes g on g.id = m.node_id and g.kind = 'group'
    where ${visibleNodesFilter(actor, "group_admin", sql`g.path`)}
      and (exists (select 1 from content_assignments a where a.item_id = ${itemId} and a.node_id = m.node_id)
        or exists (select 1 from content_assignments a where a.item_id = ${itemId} and a.user_id = m.user_id))`;
  const measures = sql`count(*)::int as enrolled, count(p.user_id)::int as started, count(p.completed_at)::int as completed,
    coalesce(round(avg(coalesce(p.percent, 0))), 0)::int as "averagePercent",
    round(avg(f.rating), 1)::float as "averageRating", count(f.rating)::int as ratings`;
  // Their rating of the version they see now: one per person, so it counts each person once.
  const rated = sql`left join content_feedback f on f.user_id = e.user_id and f.item_id = ${itemId}
    and f.version_id = (select id from content_versions where item_id = ${itemId} and status = 'published')`;
  const groups = await db.execute<ProgressRow>(sql`
    select g.id, g.name, parent.name as within, ${measures}
    from (${enrolled}) e
    join nodes g on g.id = e.group_id
    left join nodes parent on parent.id = g.parent_id
    left join (${progress}) p on p.user_id = e.user_id
    ${rated}
    group by g.id, g.name, parent.name
    order by parent.name, g.name`);
  const customers = await db.execute<ProgressRow>(sql`
    select c.id, c.name, null as within, ${measures}
    from (select distinct customer_id, user_id from (${enrolled}) x) e
    join nodes c on c.id = e.customer_id and c.kind = 'customer'
    left join (${progress}) p on p.user_id = e.user_id
    ${rated}
    group by c.id, c.name
    order by c.name`);
  return { kind, groups: [...groups], customers: [...customers] };
}

/**
 * The courses (and, for the progress report, teacher-led sessions) a report may be asked about:
 * every one for an owner admin; else those given to a node the actor administers.
 */
export async function reportableCourses(
  db: DbOrTx,
  actor: Actor,
  kinds: readonly ("course" | "session")[] = ["course"],
) {
  const reached =
    administeredGrants(actor, "group_admin") === "all"
      ? sql`true`
      : sql`exists (select 1 from content_assignments a join nodes on nodes.id = a.node_id where a.item_id = i.id and ${visibleNodesFilter(actor, "group_admin")})`;
  return db.execute<{ id: string; title: string; kind: "course" | "session" }>(sql`
    select i.id, v.title, i.kind from content_items i
    join content_versions v on v.item_id = i.id and v.status = 'published'
    where i.kind::text in ${kinds} and i.archived_at is null
      and ${reached}
    order by v.title`);
}
