import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { userScopes, users, type RoleName, type UserStatus } from "../db/schema";
import { administeredGrants, visibleUsersFilter, type Actor } from "../scope";

export const userSorts = ["name", "email", "created"] as const;
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
export const filteredCountCap = 1_000;

// The sort keys of each order, always ending in the id so the keyset is unique and every order
// has an index: users_name_idx, users_email_idx, users_created_idx.
const sortKeys: Record<UserSort, { columns: SQL[]; values: (row: { lastName: string; firstName: string; email: string; createdAtKey: string; id: string }) => string[] }> = {
  name: { columns: [sql`${users.lastName}`, sql`${users.firstName}`, sql`${users.id}`], values: (r) => [r.lastName, r.firstName, r.id] },
  email: { columns: [sql`${users.email}`], values: (r) => [r.email] },
  // The timestamp travels as PostgreSQL's own text: a JS Date would drop the microseconds.
  created: { columns: [sql`${users.createdAt}`, sql`${users.id}`], values: (r) => [r.createdAtKey, r.id] },
};

/**
 * Search: every word typed must start the first name, the last name or the email ("ingrid nil"
 * finds Ingrid Nilsen). Prefix ranges on btree indexes stay fast at a million users and give the
 * planner honest row estimates.
 */
function searchCondition(search: string): SQL | null {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return null;
  const perWord = words.map((word) => {
    const prefix = `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (word.includes("@")) return sql`${users.email} like ${prefix}`;
    return or(sql`lower(${users.firstName}) like ${prefix}`, sql`lower(${users.lastName}) like ${prefix}`, sql`${users.email} like ${prefix}`)!;
  });
  return and(...perWord)!;
}

function userFilters(params: ListUsersParams): SQL[] {
  const conditions: SQL[] = [];
  const search = params.search ? searchCondition(params.search) : null;
  if (search) conditions.push(search);
  if (params.status === "suspended") conditions.push(isNotNull(users.suspendedAt));
  else if (params.status === "locked") conditions.push(gt(users.lockedUntil, sql`now()`));
  else if (params.status) conditions.push(eq(users.status, params.status));
  if (params.role) conditions.push(eq(users.primaryRole, params.role));
  return conditions;
}

/** The users under a node (any node but the owner, whose subtree is everyone). */
const underNode = (nodeId: string) => inArray(users.id, sql`(select ${userScopes.userId} from ${userScopes} where ${userScopes.nodeId} = ${nodeId})`);

/**
 * How many users match, counting no further than a cap. Without filters it reads the scope's
 * index alone (user_scopes, or users for an owner admin); with filters it counts the joined rows
 * but stops at a lower cap, since every row counted costs a probe.
 */
async function cappedCount(db: DbOrTx, actor: Actor, params: ListUsersParams, scopeAndFilters: SQL[], filtered: boolean) {
  const cap = filtered ? filteredCountCap : countCap;
  const grants = administeredGrants(actor);
  let counted: { total: number }[];
  if (filtered) {
    counted = await db.execute<{ total: number }>(sql`select count(*)::int as total from (select 1 from ${users} where ${and(...scopeAndFilters)} limit ${cap + 1}) capped`);
  } else {
    const nodeIds = params.nodeId ? [params.nodeId] : grants === "all" ? null : grants.map((g) => g.nodeId);
    counted = nodeIds
      ? await db.execute<{ total: number }>(sql`select count(*)::int as total from (select distinct ${userScopes.userId} from ${userScopes} where ${inArray(userScopes.nodeId, nodeIds)} limit ${cap + 1}) capped`)
      : await db.execute<{ total: number }>(sql`select count(*)::int as total from (select 1 from ${users} limit ${cap + 1}) capped`);
  }
  const total = counted[0]?.total ?? 0;
  return { total: Math.min(total, cap), totalIsCapped: total > cap };
}

/**
 * One page of the users the actor may see, with keyset pagination (a deep page costs what the
 * first does) and a count that stops at `countCap`. The scope filter is part of the WHERE.
 */
export async function listUsers(db: DbOrTx, actor: Actor, params: ListUsersParams): Promise<UserPage> {
  const filters = userFilters(params);
  const where = [visibleUsersFilter(actor), ...(params.nodeId ? [underNode(params.nodeId)] : []), ...filters];
  const keys = sortKeys[params.sort];
  // Walking backwards ("prev") reads the index in the opposite order, then flips the page.
  const ascending = (params.order === "asc") === (params.direction === "next");
  const paged = [...where];
  if (params.cursor) {
    if (params.cursor.length !== keys.columns.length) throw new Error("cursor does not match the sort");
    const row = sql`(${sql.join(keys.columns, sql`, `)})`;
    const cursorValues = params.sort === "created" ? [sql`${params.cursor[0]}::timestamptz`, sql`${params.cursor[1]}::uuid`] : params.cursor.map((v) => sql`${v}`);
    const tuple = sql`(${sql.join(cursorValues, sql`, `)})`;
    paged.push(ascending ? gt(row, tuple) : lt(row, tuple));
  }
  const orderBy = keys.columns.map((column) => (ascending ? asc(column) : desc(column)));

  const [rows, count] = await Promise.all([
    db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        email: users.email,
        primaryRole: users.primaryRole,
        status: users.status,
        createdAtKey: sql<string>`${users.createdAt}::text`,
        suspended: sql<boolean>`${users.suspendedAt} is not null`,
        locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
        lastLoginAt: users.lastLoginAt,
        organisationPaths: organisationPathsColumn,
      })
      .from(users)
      .where(and(...paged))
      .orderBy(...orderBy)
      .limit(params.pageSize + 1),
    cappedCount(db, actor, params, where, filters.length > 0),
  ]);

  const hasMore = rows.length > params.pageSize;
  const page = rows.slice(0, params.pageSize);
  if (params.direction === "prev") page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const atStart = params.direction === "prev" ? !hasMore : !params.cursor;
  const atEnd = params.direction === "next" ? !hasMore : false;
  return {
    items: page.map(({ createdAtKey: _createdAtKey, ...row }) => row),
    prevCursor: !atStart && first ? keys.values(first) : null,
    nextCursor: !atEnd && last ? keys.values(last) : null,
    ...count,
  };
}

/**
 * The names along the path of every node the user belongs to or holds a role at, the owner left
 * out (the same for everyone): [["Nordics", "St Olav", "Cardiology nurses"], …]. A correlated
 * subquery, which PostgreSQL evaluates after the sort and limit, so only for the rows returned.
 */
export const organisationPathsColumn = sql<string[][]>`(select coalesce(json_agg(placement.names order by placement.path), '[]'::json) from (
    select placed_node.path, array(
        select ancestor.name from unnest(string_to_array(trim(both '/' from placed_node.path), '/')) with ordinality as step(id, ord)
        join nodes ancestor on ancestor.id = step.id::uuid where step.ord > 1 order by step.ord) as names
    from (select node_id from memberships where user_id = users.id
          union select node_id from role_assignments where user_id = users.id) placed
    join nodes placed_node on placed_node.id = placed.node_id) placement)`;
