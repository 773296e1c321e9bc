import { sql, type SQL } from "drizzle-orm";
import { visibleNodesFilter, type Actor } from "../scope";
import type { DbOrTx } from "../db/client";

/*
 * Who must be trained on what, and where they stand. A course is required of everyone who has it
 * (given to one of their groups or to them). They are trained when they completed a version the
 * course still counts (`counts_from_version` or later: the owner raises it when they publish a
 * version everyone must retrain on); they have until `training_due_days` after the course became
 * theirs, or after that version was published, whichever is later.
 */

export type TrainingState = "current" | "older_version" | "not_trained";

export interface TrainingRequirement {
  userId: string;
  name: string;
  firstName: string;
  email: string;
  /** Their groups ("St Olav › Cardiology nurses") within a report's reach; none in a person's own view. */
  groups: string[];
  itemId: string;
  title: string;
  /** The version the portal shows now. */
  publishedVersion: number;
  /** Completions of this version or later count; and that version's id. */
  countsFromVersion: number;
  countedVersionId: string | null;
  state: TrainingState;
  /** The latest version they completed, and when. */
  trainedVersion: number | null;
  completedAt: Date | null;
  /** How far they are through the course as it is now (0–100). */
  percent: number;
  dueAt: Date;
  overdue: boolean;
}

/** The states' order in a report: overdue first, then what is due soonest. */
const reportOrder = sql`(state <> 'current' and due_at < now()) desc, state = 'current', due_at, name, title`;

interface RequirementScope {
  /** A query of the people's ids (as `user_id`). */
  people: SQL;
  /** A query of the courses' ids; none: every course. */
  items?: SQL | null;
  /** Name each person's groups among those this condition on `g.path` admits (a report's rows). */
  groupsIn?: SQL;
  /** Only what is not done and due before this moment (and, with `orRetraining`, every course to retrain on). */
  due?: { before: Date; orRetraining: boolean };
}

/** The query behind trainingRequirements (exported for the benchmark's query plan). */
export const trainingRequirementsQuery = (scope: RequirementScope) => sql`
    with people as (${scope.people}),
    required as (
      -- When each course became theirs: given to them, or to a group of theirs since they joined it.
      select x.user_id, x.item_id, min(x.since) as since from (
        select a.user_id, a.item_id, a.created_at as since
        from content_assignments a join people on people.user_id = a.user_id
        union all
        select m.user_id, a.item_id, greatest(a.created_at, m.created_at)
        from content_assignments a join memberships m on m.node_id = a.node_id join people on people.user_id = m.user_id
      ) x
      join content_items i on i.id = x.item_id and i.kind = 'course' and i.archived_at is null
      group by x.user_id, x.item_id
    ),
    -- Each person's latest completion of each course, read once for all of them.
    best as (
      select distinct on (c.user_id, c.item_id) c.user_id, c.item_id, c.version_number, c.completed_at
      from training_completions c join people on people.user_id = c.user_id
      order by c.user_id, c.item_id, c.version_number desc, c.completed_at desc
    ),
    standing as (
      select r.user_id, r.item_id, v.title, v.number as published_version, i.counts_from_version,
        counted.id as counted_version_id,
        best.version_number as trained_version, best.completed_at, coalesce(p.percent, 0) as percent,
        case when best.version_number >= i.counts_from_version then 'current'
             when best.version_number is not null then 'older_version'
             else 'not_trained' end as state,
        greatest(r.since, coalesce(counted.published_at, r.since)) + make_interval(days => i.training_due_days) as due_at
      from required r
      join content_items i on i.id = r.item_id
      join content_versions v on v.item_id = i.id and v.status = 'published'
      left join content_versions counted on counted.item_id = i.id and counted.number = i.counts_from_version
      left join best on best.user_id = r.user_id and best.item_id = r.item_id
      left join course_progress p on p.user_id = r.user_id and p.item_id = r.item_id
      where ${scope.items ? sql`r.item_id in (${scope.items})` : sql`true`}
    )
    select s.*, s.state <> 'current' and s.due_at < now() as overdue,
      u.first_name || ' ' || u.last_name as name, u.first_name, u.email,
      ${
        scope.groupsIn
          ? sql`(select array_agg(coalesce(parent.name || ' › ', '') || g.name order by parent.name, g.name)
              from memberships m join nodes g on g.id = m.node_id left join nodes parent on parent.id = g.parent_id
              where m.user_id = s.user_id and ${scope.groupsIn})`
          : sql`null::text[]`
      } as groups
    from standing s join users u on u.id = s.user_id and u.suspended_at is null
    ${
      scope.due
        ? sql`where s.state <> 'current' and (s.due_at < ${scope.due.before.toISOString()}::timestamptz
            ${scope.due.orRetraining ? sql`or s.state = 'older_version'` : sql``})`
        : sql``
    }
    order by ${reportOrder}`;

/**
 * The requirements of the people `people` selects, on the courses `items` selects (every course
 * when none), each with where the person stands: overdue first, then by due date.
 */
export async function trainingRequirements(db: DbOrTx, scope: RequirementScope): Promise<TrainingRequirement[]> {
  const rows = await db.execute<{
    user_id: string;
    name: string;
    first_name: string;
    email: string;
    groups: string[] | null;
    item_id: string;
    title: string;
    published_version: number;
    counts_from_version: number;
    counted_version_id: string | null;
    state: TrainingState;
    trained_version: number | null;
    completed_at: string | null;
    percent: number;
    due_at: string;
    overdue: boolean;
  }>(trainingRequirementsQuery(scope));
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    firstName: r.first_name,
    email: r.email,
    groups: r.groups ?? [],
    itemId: r.item_id,
    title: r.title,
    publishedVersion: r.published_version,
    countsFromVersion: r.counts_from_version,
    countedVersionId: r.counted_version_id,
    state: r.state,
    trainedVersion: r.trained_version,
    completedAt: r.completed_at ? new Date(r.completed_at) : null,
    percent: r.percent,
    dueAt: new Date(r.due_at),
    overdue: r.overdue,
  }));
}

/** One person's requirements, for their own portal and for an admin's view of their record. */
export function requirementsOf(
  db: DbOrTx,
  userId: string,
  options: Pick<RequirementScope, "due"> = {},
): Promise<TrainingRequirement[]> {
  return trainingRequirements(db, { people: sql`select ${userId}::uuid as user_id`, ...options });
}

/** Counts of a set of requirements by where people stand. */
export interface TrainingCounts {
  current: number;
  olderVersion: number;
  notTrained: number;
  overdue: number;
}

const countsOf = (rows: TrainingRequirement[]): TrainingCounts => ({
  current: rows.filter((r) => r.state === "current").length,
  olderVersion: rows.filter((r) => r.state === "older_version").length,
  notTrained: rows.filter((r) => r.state === "not_trained").length,
  overdue: rows.filter((r) => r.overdue).length,
});

/** The rows a report shows at most; the counts are over all of them. */
export const reportRowLimit = 1000;

/**
 * Who is trained on the current version of each required course, among the people of the groups
 * the actor administers (within `nodePath`'s subtree when given): overdue people first, then by due
 * date. With the counts for the whole selection and for each group.
 */
export async function trainingStatusReport(
  db: DbOrTx,
  actor: Actor,
  filter: { nodePath?: string | undefined; itemIds: readonly string[] },
) {
  const items =
    filter.itemIds.length === 0
      ? sql`select null::uuid`
      : sql`select unnest(${sql.param([...filter.itemIds])}::uuid[])`;
  const groupsIn = sql`${visibleNodesFilter(actor, "group_admin", sql`g.path`)}
    and g.kind = 'group' ${filter.nodePath ? sql`and g.path like ${`${filter.nodePath}%`}` : sql``}`;
  const rows = await trainingRequirements(db, {
    people: sql`select distinct m.user_id from memberships m join nodes g on g.id = m.node_id where ${groupsIn}`,
    items,
    groupsIn,
  });
  const groups = [...new Set(rows.flatMap((r) => r.groups))]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, ...countsOf(rows.filter((r) => r.groups.includes(name))) }));
  return { counts: countsOf(rows), groups, rows: rows.slice(0, reportRowLimit), total: rows.length };
}
