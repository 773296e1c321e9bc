import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { DomainError } from "../domain-error";
import { userScopes, users, type RoleName, type UserStatus } from "../db/schema";
import { administeredGrants, visibleNodesFilter, visibleUsersFilter, type Actor } from "../scope";

export const userSorts = ["name", "email", "created", "lastLogin"] as const;
export type UserSort = (typeof userSorts)[number];
export const statusFilters = ["not_invited", "invited", "active", "suspended", "locked"] as const;
export type StatusFilter = (typeof statusFilters)[number];

export interface ListUsersParams {
  sort: UserSort;
  order: "asc" | "desc";
  pageSize: number;
  /** Keyset position: the sort key of the row to continue after (or before, for "prev"). */
  cursor?: string[] | undefined;
  direction: "next" | "prev";
  search?: string | undefined;
  status?: StatusFilter | undefined;
  role?: RoleName | undefined;
  /** Only users placed in this node's subtree; the caller has checked the actor may see the node. */
  nodeId?: string | undefined;
}

export interface UserRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  primaryRole: RoleName;
  status: UserStatus;
  suspended: boolean;
  locked: boolean;
  lastLoginAt: Date | null;
  /** The provider's verdict on the newest invitation email, when it reported one. */
  invitationDelivery: "delivered" | "bounced" | "complained" | null;
  /** Where the user sits, as node names from the top: one path per group or role node. */
  organisationPaths: string[][];
}

export interface UserPage {
  items: UserRow[];
  /** Cursors of the first and last row, to page back and forth; null at either end. */
  prevCursor: string[] | null;
  nextCursor: string[] | null;
  total: number;
  /** Counting stops at a cap (10,000, or 1,000 with filters): beyond it the total shows as "10,000+". */
  totalIsCapped: boolean;
}

export const countCap = 10_000;

// The same expression as the users_last_login_idx index, so the sort reads that index.
const lastLoginKey = sql`coalesce(${users.lastLoginAt}, '-infinity'::timestamptz)`;
export const filteredCountCap = 1_000;

// The sort keys of each order, always ending in the id so the keyset is unique and every order
// has an index: users_name_idx, users_email_idx, users_created_idx, users_last_login_idx.
const sortKeys: Record<
  UserSort,
  {
    columns: SQL[];
    values: (row: {
      lastName: string;
      firstName: string;
      email: string;
      createdAtKey: string;
      lastLoginKey: string;
      id: string;
    }) => string[];
  }
> = {
  name: {
    columns: [sql`${users.lastName}`, sql`${users.firstName}`, sql`${users.id}`],
    values: (r) => [r.lastName, r.firstName, r.id],
  },
  email: { columns: [sql`${users.email}`], values: (r) => [r.email] },
  // The timestamp travels as PostgreSQL's own text: a JS Date would drop the microseconds.
  created: { columns: [sql`${users.createdAt}`, sql`${users.id}`], values: (r) => [r.createdAtKey, r.id] },
  // Never signed in sorts as the earliest time, so the keyset needs no special case for null.
  lastLogin: { columns: [lastLoginKey, sql`${users.id}`], values: (r) => [r.lastLoginKey, r.id] },
};

/**
 * Search: what was typed must start "first last", "last first" or the email ("ingrid nil" and
 * "nilsen" both find Ingrid Nilsen). Each is a prefix range on its own btree index.
 */
function searchBranches(search: string): SQL[] {
  const term = search.trim().toLowerCase().replace(/\s+/g, " ");
  const prefix = `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [
    sql`lower(${users.firstName} || ' ' || ${users.lastName}) like ${prefix}`,
    sql`lower(${users.lastName} || ' ' || ${users.firstName}) like ${prefix}`,
    sql`${users.email} like ${prefix}`,
  ];
}

/** The status and role filters (search is handled on its own, see listUsers). */
function userFilters(params: ListUsersParams): SQL[] {
  const conditions: SQL[] = [];
  if (params.status === "suspended") conditions.push(isNotNull(users.suspendedAt));
  else if (params.status === "locked") conditions.push(gt(users.lockedUntil, sql`now()`));
  else if (params.status) conditions.push(eq(users.status, params.status));
  if (params.role) conditions.push(eq(users.primaryRole, params.role));
  return conditions;
}

/** The users under a node (every node but the owner, whose subtree is everyone). */
export const underNode = (nodeId: string) =>
  inArray(users.id, sql`(select ${userScopes.userId} from ${userScopes} where ${userScopes.nodeId} = ${nodeId})`);

/**
 * How many users match, counting no further than a cap. Without filters it reads the scope's
 * index alone (user_scopes, or users for an owner admin); with filters it counts the joined rows
 * but stops at a lower cap, since every row counted costs a probe.
 */
async function cappedCount(
  db: DbOrTx,
  actor: Actor,
  params: ListUsersParams,
  scopeAndFilters: SQL[],
  filtered: boolean,
) {
  const cap = filtered ? filteredCountCap : countCap;
  const grants = administeredGrants(actor);
  let counted: { total: number }[];
  if (filtered) {
    counted = await db.execute<{ total: number }>(
      sql`select count(*)::int as total from (select 1 from ${users} where ${and(...scopeAndFilters)} limit ${cap + 1}) capped`,
    );
  } else {
    const nodeIds = params.nodeId ? [params.nodeId] : grants === "all" ? null : grants.map((g) => g.nodeId);
    counted = nodeIds
      ? await db.execute<{ total: number }>(
          sql`select count(*)::int as total from (select distinct ${userScopes.userId} from ${userScopes} where ${inArray(userScopes.nodeId, nodeIds)} limit ${cap + 1}) capped`,
        )
      : await db.execute<{ total: number }>(
          sql`select count(*)::int as total from (select 1 from ${users} limit ${cap + 1}) capped`,
        );
  }
  const total = counted[0]?.total ?? 0;
  return { total: Math.min(total, cap), totalIsCapped: total > cap };
}

/**
 * One page of the users the actor may see, with keyset pagination (a deep page costs what the
 * first does) and a count that stops at `countCap`. The scope filter is part of the WHERE.
 */
export async function listUsers(db: Database, actor: Actor, params: ListUsersParams): Promise<UserPage> {
  const filters = userFilters(params);
  const where = [visibleUsersFilter(actor), ...(params.nodeId ? [underNode(params.nodeId)] : []), ...filters];
  if (!params.search?.trim()) {
    const [rows, count] = await Promise.all([
      pageQuery(db, actor, params, where),
      cappedCount(db, actor, params, where, filters.length > 0),
    ]);
    return toPage(params, rows, count);
  }
  /*
   * A search may match nothing or half the installation, and the planner cannot tell which from
   * its estimates: walking the name order is fast when matches are dense and a full scan when there
   * are none. So first read the matches from the three prefix indexes, in index order, stopping
   * after the cap (plain index scans stop early; a bitmap would read every match first). Few
   * matches: sort exactly those. More than the cap: they are dense, so walk the name order.
   */
  const branches = searchBranches(params.search);
  return db.transaction(async (tx) => {
    // Custom plans: a LIKE can use a prefix index only when the planner sees the pattern, and a
    // prepared statement's generic plan would not. No parallel workers: starting them costs more
    // than these few index reads.
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
        set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    const matches = sql.join(
      branches.map((branch) => sql`(select ${users.id} as id from ${users} where ${and(branch, ...where)})`),
      sql` union all `,
    );
    const [found] = await tx.execute<{ rows: number; distinct: number }>(
      sql`select count(*)::int as rows, count(distinct id)::int as distinct from (${matches} limit ${filteredCountCap + 1}) found`,
    );
    if ((found?.rows ?? 0) > filteredCountCap) {
      await tx.execute(
        sql`select set_config('enable_seqscan', 'on', true), set_config('enable_bitmapscan', 'on', true)`,
      );
      const rows = await pageQuery(tx, actor, params, [...where, or(...branches)!]);
      return toPage(params, rows, { total: filteredCountCap, totalIsCapped: true });
    }
    const rows = await pageQuery(tx, actor, params, [inArray(users.id, sql`(select id from (${matches}) found)`)]);
    return toPage(params, rows, { total: found?.distinct ?? 0, totalIsCapped: false });
  });
}

type PageRow = Awaited<ReturnType<typeof pageQuery>>[number];

/** One page in the requested order, after the cursor. */
async function pageQuery(db: DbOrTx, actor: Actor, params: ListUsersParams, where: SQL[]) {
  const keys = sortKeys[params.sort];
  // Walking backwards ("prev") reads the index in the opposite order, then flips the page.
  const ascending = (params.order === "asc") === (params.direction === "next");
  const paged = [...where];
  if (params.cursor) {
    if (params.cursor.length !== keys.columns.length)
      throw new DomainError(
        "BAD_REQUEST",
        "This page link no longer matches the sort order. Start from the first page.",
      );
    const row = sql`(${sql.join(keys.columns, sql`, `)})`;
    const byTime = params.sort === "created" || params.sort === "lastLogin";
    const cursorValues = byTime
      ? [sql`${params.cursor[0]}::timestamptz`, sql`${params.cursor[1]}::uuid`]
      : params.cursor.map((v) => sql`${v}`);
    const tuple = sql`(${sql.join(cursorValues, sql`, `)})`;
    paged.push(ascending ? gt(row, tuple) : lt(row, tuple));
  }
  const orderBy = keys.columns.map((column) => (ascending ? asc(column) : desc(column)));
  return db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      primaryRole: users.primaryRole,
      status: users.status,
      createdAtKey: sql<string>`${users.createdAt}::text`,
      lastLoginKey: sql<string>`${lastLoginKey}::text`,
      suspended: sql<boolean>`${users.suspendedAt} is not null`,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
      lastLoginAt: users.lastLoginAt,
      invitationDelivery: users.invitationDelivery,
      organisationPaths: organisationPathsColumn(actor),
    })
    .from(users)
    .where(and(...paged))
    .orderBy(...orderBy)
    .limit(params.pageSize + 1);
}

function toPage(params: ListUsersParams, rows: PageRow[], count: { total: number; totalIsCapped: boolean }): UserPage {
  const keys = sortKeys[params.sort];
  const hasMore = rows.length > params.pageSize;
  const page = rows.slice(0, params.pageSize);
  if (params.direction === "prev") page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const atStart = params.direction === "prev" ? !hasMore : !params.cursor;
  const atEnd = params.direction === "next" ? !hasMore : false;
  return {
    items: page.map(({ createdAtKey: _createdAtKey, lastLoginKey: _lastLoginKey, ...row }) => row),
    prevCursor: !atStart && first ? keys.values(first) : null,
    nextCursor: !atEnd && last ? keys.values(last) : null,
    ...count,
  };
}

/**
 * The names along the path of every node the user belongs to or holds a role at, within the
 * viewer's scope (another tenant's groups are not the viewer's to read), the owner left out (the
 * same for everyone): [["Nordics", "St Olav", "Cardiology nurses"], …]. A correlated subquery,
 * which PostgreSQL evaluates after the sort and limit, so only for the rows returned.
 */
export function organisationPathsColumn(viewer: Actor): SQL<string[][]> {
  return sql<string[][]>`(select coalesce(json_agg(placement.names order by placement.path), '[]'::json) from (
    select placed_node.path, array(
        select ancestor.name from unnest(string_to_array(trim(both '/' from placed_node.path), '/')) with ordinality as step(id, ord)
        join nodes ancestor on ancestor.id = step.id::uuid where step.ord > 1 order by step.ord) as names
    from (select node_id from memberships where user_id = users.id
          union select node_id from role_assignments where user_id = users.id) placed
    join nodes placed_node on placed_node.id = placed.node_id
    where ${visibleNodesFilter(viewer, "group_admin", sql`placed_node.path`)}) placement)`;
}
