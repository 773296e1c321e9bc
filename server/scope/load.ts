import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import {
  nodes,
  permission,
  roleAssignments,
  supportAccountCategory,
  supportIssues,
  users,
  type Permission,
} from "../db/schema";
import {
  can,
  type Actor,
  type BoardTarget,
  type ContentTarget,
  type GrantTarget,
  type IssueTarget,
  type NodeTarget,
  type UserTarget,
} from "./resolver";
import { visibleNodesFilter } from "./users-filter";

/**
 * Loads the actor for a request from the database. Returns null when the user no longer exists or
 * is suspended: the request is then treated as signed out. A lock after failed logins is not a
 * reason: it stops guessing at the sign-in, and must not let a stranger's guesses end the real
 * user's work (their sessions were opened with the right password).
 */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
  // One round trip: this runs on every request.
  const [user] = await db
    .select({
      id: users.id,
      primaryRole: users.primaryRole,
      suspendedAt: users.suspendedAt,
      twoFactorEnabled: users.twoFactorEnabled,
      // Every admin when the owner requires it; owner admins also by the installation's default.
      twoFactorRequired: sql<boolean>`coalesce((select require_two_factor_for_admins from settings), false)
        or (coalesce((select require_two_factor_for_owner_admins from settings), true)
            and exists (select 1 from role_assignments ra where ra.user_id = users.id and ra.role = 'owner_admin'))`,
      // Written with explicit aliases: drizzle leaves columns unqualified in a one-table select.
      grants: sql<unknown>`coalesce((select json_agg(json_build_object('role', ra.role, 'nodeId', n.id, 'nodePath', n.path, 'nodeName', n.name))
        from role_assignments ra join nodes n on n.id = ra.node_id where ra.user_id = users.id), '[]'::json)`,
      permissions: sql<unknown>`coalesce((select json_agg(distinct granted) from permission_group_members pgm
        join permission_groups pg on pg.id = pgm.permission_group_id
        cross join unnest(pg.permissions) as granted where pgm.user_id = users.id), '[]'::json)`,
      // Support staff: their handling units, issue types and accounts (null for everyone else).
      staff: sql<unknown>`(select json_build_object(
          'units', json_agg(json_build_object('nodeId', n.id, 'nodePath', n.path)),
          'typeIds', coalesce((select json_agg(st.type_id) from support_staff_types st where st.user_id = users.id), '[]'::json),
          'accounts', coalesce((select json_agg(json_build_object('nodeId', sa.node_id, 'category', sa.category))
            from support_staff_accounts sa where sa.user_id = users.id), '[]'::json))
        from support_staff_units su join nodes n on n.id = su.unit_id
        where su.user_id = users.id having count(*) > 0)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.suspendedAt) return null;
  return {
    userId: user.id,
    primaryRole: user.primaryRole,
    grants: grantsSchema.parse(user.grants),
    permissions: new Set<Permission>(permissionsSchema.parse(user.permissions)),
    awaitsTwoFactor: user.twoFactorRequired && !user.twoFactorEnabled && user.primaryRole !== "product_user",
    staff: user.staff === null ? null : staffSchema.parse(user.staff),
  };
}

// role_assignments' check constraint keeps product_user out, so every grant is an admin role.
const grantsSchema = z.array(
  z.object({
    role: z.enum(["group_admin", "customer_admin", "market_admin", "owner_admin"]),
    nodeId: z.string(),
    nodePath: z.string(),
    nodeName: z.string(),
  }),
);
const permissionsSchema = z.array(z.enum(permission.enumValues));
const staffSchema = z.object({
  units: z.array(z.object({ nodeId: z.string(), nodePath: z.string() })),
  typeIds: z.array(z.string()),
  accounts: z.array(z.object({ nodeId: z.string(), category: z.enum(supportAccountCategory.enumValues) })),
});

/** Loads where a user sits in the tree, for a scope check on that user, in one query. Null if no such user. */
export async function loadUserTarget(db: DbOrTx, userId: string): Promise<UserTarget | null> {
  const [user] = await db
    .select({
      primaryRole: users.primaryRole,
      // Explicit aliases: drizzle leaves columns unqualified in a one-table select.
      placements: sql<unknown>`coalesce((select json_agg(json_build_object('nodeId', n.id, 'nodePath', n.path, 'nodeName', n.name, 'via', placed.via))
        from (select node_id, 'membership' as via from memberships where user_id = users.id
              union all select node_id, 'role' from role_assignments where user_id = users.id) placed
        join nodes n on n.id = placed.node_id), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  return { type: "user", userId, primaryRole: user.primaryRole, placements: placementsSchema.parse(user.placements) };
}

const placementsSchema = z.array(
  z.object({ nodeId: z.string(), nodePath: z.string(), nodeName: z.string(), via: z.enum(["membership", "role"]) }),
);

/** Loads a node as a scope target. Null if no such node. */
export async function loadNodeTarget(db: DbOrTx, nodeId: string): Promise<NodeTarget | null> {
  const [node] = await db
    .select({ id: nodes.id, path: nodes.path, kind: nodes.kind })
    .from(nodes)
    .where(eq(nodes.id, nodeId));
  return node ? { type: "node", nodeId: node.id, nodePath: node.path, kind: node.kind } : null;
}

/** Loads a support issue as a scope target, in one query. Null if no such issue. */
export async function loadIssueTarget(db: DbOrTx, issueId: string): Promise<IssueTarget | null> {
  const [issue] = await db
    .select({
      typeId: supportIssues.typeId,
      unitId: supportIssues.unitId,
      unitPath: nodes.path,
      scopePath: supportIssues.scopePath,
      customerId: supportIssues.customerId,
      marketId: supportIssues.marketId,
      reporterId: supportIssues.reporterId,
    })
    .from(supportIssues)
    .innerJoin(nodes, eq(nodes.id, supportIssues.unitId))
    .where(eq(supportIssues.id, issueId));
  return issue ? { type: "issue", issueId, ...issue } : null;
}

/**
 * A community board as the resolver sees it, for `userId`: where it was created, and whether they
 * are a member (it was given to them, or to a node on the path of one of their placements). Null
 * for an archived board or none at all.
 */
export async function loadBoardTarget(db: DbOrTx, boardId: string, userId: string): Promise<BoardTarget | null> {
  const [board] = await db.execute<{ ownerPath: string; member: boolean }>(sql`
    select n.path as "ownerPath", exists (
      select 1 from board_access a
      where a.board_id = b.id
        and (a.user_id = ${userId}
          or a.node_id in (select node_id from user_scopes where user_id = ${userId})
          or a.node_id = (select id from nodes where kind = 'owner'))
    ) as member
    from boards b join nodes n on n.id = b.owner_node_id
    where b.id = ${boardId} and b.archived_at is null`);
  return board ? { type: "board", boardId, ownerPath: board.ownerPath, member: board.member } : null;
}

/**
 * A content item as the resolver sees it, for `actor`: whether it reached a node they administer
 * as a customer admin or above (any item, for its editors). Null for no such item.
 */
export async function loadContentTarget(db: DbOrTx, itemId: string, actor: Actor): Promise<ContentTarget | null> {
  const editor = can(actor, "content.manage").allowed;
  const [item] = await db.execute<{ reached: boolean }>(sql`
    select ${
      editor
        ? sql`true`
        : sql`exists (select 1 from content_assignments a join nodes on nodes.id = a.node_id
            where a.item_id = i.id and ${visibleNodesFilter(actor, "customer_admin")})`
    } as reached
    from content_items i where i.id = ${itemId}`);
  return item ? { type: "content", itemId, reached: item.reached } : null;
}

/** One admin role a person holds at a node, with the person and the node as targets. Null if none. */
export async function loadGrantTarget(db: DbOrTx, assignmentId: string): Promise<GrantTarget | null> {
  const [row] = await db
    .select({ role: roleAssignments.role, userId: roleAssignments.userId, nodeId: roleAssignments.nodeId })
    .from(roleAssignments)
    .where(eq(roleAssignments.id, assignmentId));
  // role_assignments' check constraint keeps product_user out; the test narrows the type.
  if (!row || row.role === "product_user") return null;
  const person = await loadUserTarget(db, row.userId);
  const node = await loadNodeTarget(db, row.nodeId);
  return person && node ? { type: "grant", assignmentId, role: row.role, person, node } : null;
}
