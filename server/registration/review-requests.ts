import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { nodes, registrationRequests, type RegistrationRequestStatus } from "../db/schema";
import { pathNames } from "../organisation/path-names";
import type { BulkItemInput } from "../bulk/operations";
import { administeredGrants, can, type Actor, type NodeTarget } from "../scope";

/** Who reviews requests: customer admins and up (docs/organisation-and-roles.md: for the facilities in their scope). */
const reviewerRole = "customer_admin";

/**
 * The SQL condition that keeps the requests the actor may see and decide: all for an owner admin;
 * otherwise those whose facility lies in a subtree the actor administers as customer admin or
 * above. A request without a facility (a name that matched no customer) is the owner's.
 */
export function visibleRequestsFilter(actor: Actor): SQL {
  const grants = administeredGrants(actor, reviewerRole);
  if (grants === "all") return sql`true`;
  if (grants.length === 0) return sql`false`;
  return inArray(
    registrationRequests.facilityId,
    sql`(select ${nodes.id} from ${nodes} where ${or(...grants.map((grant) => like(nodes.path, `${grant.nodePath}%`)))})`,
  );
}

/**
 * The group a request would go to unless the admin chooses another: the default group of its
 * facility when the facility is open to self-registration, else the facility's only live group.
 */
const suggestedGroupId = sql<string | null>`coalesce(
  (select o.default_group_id from open_facilities o join nodes g on g.id = o.default_group_id
    where o.customer_id = ${registrationRequests.facilityId} and g.archived_at is null),
  (select (array_agg(g.id))[1] from nodes g
    where g.parent_id = ${registrationRequests.facilityId} and g.kind = 'group' and g.archived_at is null having count(*) = 1))`;

export const requestPageSize = 100;

export interface RequestRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  position: string | null;
  /** The customer the request is routed to, with the path above it; null when only typed in. */
  facility: { id: string; path: string[] } | null;
  facilityName: string | null;
  country: string | null;
  message: string;
  createdAt: Date;
  status: RegistrationRequestStatus;
  reviewReason: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  decidedAutomatically: boolean;
  rejectionReason: string | null;
  userId: string | null;
  suggestedGroup: { id: string; name: string } | null;
}

/** One page of the requests of one status the actor may see: pending oldest first, decided newest first. */
export async function listRequests(
  db: DbOrTx,
  actor: Actor,
  input: { status: RegistrationRequestStatus; page: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const where = and(eq(registrationRequests.status, input.status), visibleRequestsFilter(actor));
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: registrationRequests.id,
        firstName: registrationRequests.firstName,
        lastName: registrationRequests.lastName,
        email: registrationRequests.email,
        phone: registrationRequests.phone,
        position: registrationRequests.position,
        facilityId: registrationRequests.facilityId,
        facilityPath: nodes.path,
        facilityName: registrationRequests.facilityName,
        country: registrationRequests.country,
        message: registrationRequests.message,
        createdAt: registrationRequests.createdAt,
        status: registrationRequests.status,
        reviewReason: registrationRequests.reviewReason,
        decidedAt: registrationRequests.decidedAt,
        decidedByName: sql<
          string | null
        >`(select nullif(trim(u.first_name || ' ' || u.last_name), '') from users u where u.id = ${registrationRequests.decidedBy})`,
        decidedAutomatically: registrationRequests.decidedAutomatically,
        rejectionReason: registrationRequests.rejectionReason,
        userId: registrationRequests.userId,
        suggestedGroupId,
      })
      .from(registrationRequests)
      .leftJoin(nodes, eq(nodes.id, registrationRequests.facilityId))
      .where(where)
      .orderBy(
        input.status === "pending" ? asc(registrationRequests.createdAt) : desc(registrationRequests.decidedAt),
        asc(registrationRequests.id),
      )
      .limit(requestPageSize)
      .offset(input.page * requestPageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(registrationRequests)
      .where(where),
  ]);
  const groupIds = [...new Set(rows.flatMap((r) => (r.suggestedGroupId ? [r.suggestedGroupId] : [])))];
  const groupNames = new Map(
    groupIds.length
      ? (await db.select({ id: nodes.id, name: nodes.name }).from(nodes).where(inArray(nodes.id, groupIds))).map(
          (g) => [g.id, g.name],
        )
      : [],
  );
  const paths = await pathNames(
    db,
    rows.flatMap((r) => (r.facilityPath ? [r.facilityPath] : [])),
  );
  return {
    total: count?.n ?? 0,
    rows: rows.map(({ facilityId, facilityPath, suggestedGroupId: groupId, ...row }) => ({
      ...row,
      facility: facilityId && facilityPath ? { id: facilityId, path: paths.get(facilityPath) ?? [] } : null,
      suggestedGroup: groupId ? { id: groupId, name: groupNames.get(groupId) ?? "?" } : null,
    })),
  };
}

/** How many requests of each status the actor may see, for the tabs and the menu's badge. */
export async function countRequests(db: DbOrTx, actor: Actor): Promise<Record<RegistrationRequestStatus, number>> {
  const rows = await db
    .select({ status: registrationRequests.status, n: sql<number>`count(*)::int` })
    .from(registrationRequests)
    .where(visibleRequestsFilter(actor))
    .groupBy(registrationRequests.status);
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The ids of every pending request the actor may decide, for "select all", oldest first. */
export async function pendingRequestIds(db: DbOrTx, actor: Actor, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: registrationRequests.id })
    .from(registrationRequests)
    .where(and(eq(registrationRequests.status, "pending"), visibleRequestsFilter(actor)))
    .orderBy(asc(registrationRequests.createdAt), asc(registrationRequests.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * What the scope resolver is asked about for each request: its facility, or the owner node for a
 * request routed nowhere. Also the group each would go to by default. Unknown ids are left out.
 */
export async function requestTargets(
  db: DbOrTx,
  requestIds: readonly string[],
): Promise<Map<string, { target: NodeTarget; suggestedGroup: NodeTarget | null }>> {
  if (requestIds.length === 0) return new Map();
  const [owner] = await db.select({ id: nodes.id, path: nodes.path }).from(nodes).where(eq(nodes.kind, "owner"));
  const rows = await db
    .select({
      id: registrationRequests.id,
      facilityId: nodes.id,
      facilityPath: nodes.path,
      facilityKind: nodes.kind,
      suggestedGroupId,
    })
    .from(registrationRequests)
    .leftJoin(nodes, eq(nodes.id, registrationRequests.facilityId))
    .where(inArray(registrationRequests.id, [...requestIds]));
  const groupIds = [...new Set(rows.flatMap((r) => (r.suggestedGroupId ? [r.suggestedGroupId] : [])))];
  const groups = new Map(
    groupIds.length
      ? (await db.select({ id: nodes.id, path: nodes.path }).from(nodes).where(inArray(nodes.id, groupIds))).map(
          (g) => [g.id, { type: "node" as const, nodeId: g.id, nodePath: g.path, kind: "group" as const }],
        )
      : [],
  );
  const targets = new Map<string, { target: NodeTarget; suggestedGroup: NodeTarget | null }>();
  for (const row of rows) {
    const target: NodeTarget | null =
      row.facilityId && row.facilityPath && row.facilityKind
        ? { type: "node", nodeId: row.facilityId, nodePath: row.facilityPath, kind: row.facilityKind }
        : owner
          ? { type: "node", nodeId: owner.id, nodePath: owner.path, kind: "owner" }
          : null;
    if (target)
      targets.set(row.id, {
        target,
        suggestedGroup: row.suggestedGroupId ? (groups.get(row.suggestedGroupId) ?? null) : null,
      });
  }
  return targets;
}

/**
 * The selected requests as items of a bulk operation: named where the actor may decide them, a
 * neutral phrase otherwise (the worker then reports them as not found).
 */
export async function requestItems(db: DbOrTx, actor: Actor, requestIds: readonly string[]): Promise<BulkItemInput[]> {
  const targets = await requestTargets(db, requestIds);
  const names = new Map(
    (
      await db
        .select({
          id: registrationRequests.id,
          firstName: registrationRequests.firstName,
          lastName: registrationRequests.lastName,
        })
        .from(registrationRequests)
        .where(inArray(registrationRequests.id, [...requestIds]))
    ).map((r) => [r.id, `${r.firstName} ${r.lastName}`]),
  );
  return requestIds.map((id, index) => {
    const found = targets.get(id);
    const decidable = found !== undefined && can(actor, "registration.review", found.target).allowed;
    return {
      position: index + 1,
      targetId: id,
      label: decidable ? (names.get(id) ?? "A request") : "A request outside your scope",
    };
  });
}
