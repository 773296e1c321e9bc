import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { memberships, nodes, permission, roleAssignments, users, type Permission } from "../db/schema";
import { accessRefusal } from "../auth/access";
import type { Actor, NodeTarget, Placement, UserTarget } from "./resolver";

/**
 * Loads the actor for a request from the database. Returns null when the user no longer exists or
 * may not use the system now (suspended, locked): the request is then treated as signed out.
 */
export async function loadActor(db: DbOrTx, userId: string, now = new Date()): Promise<Actor | null> {
  // One round trip: this runs on every request.
  const [user] = await db
    .select({
      id: users.id,
      primaryRole: users.primaryRole,
      suspendedAt: users.suspendedAt,
      lockedUntil: users.lockedUntil,
      // Written with explicit aliases: drizzle leaves columns unqualified in a one-table select.
      grants: sql<unknown>`coalesce((select json_agg(json_build_object('role', ra.role, 'nodeId', n.id, 'nodePath', n.path, 'nodeName', n.name))
        from role_assignments ra join nodes n on n.id = ra.node_id where ra.user_id = users.id), '[]'::json)`,
      permissions: sql<unknown>`coalesce((select json_agg(distinct granted) from permission_group_members pgm
        join permission_groups pg on pg.id = pgm.permission_group_id
        cross join unnest(pg.permissions) as granted where pgm.user_id = users.id), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || accessRefusal(user, now) !== null) return null;
  return {
    userId: user.id,
    primaryRole: user.primaryRole,
    grants: grantsSchema.parse(user.grants),
    permissions: new Set<Permission>(permissionsSchema.parse(user.permissions)),
  };
}

// role_assignments' check constraint keeps product_user out, so every grant is an admin role.
const grantsSchema = z.array(
  z.object({ role: z.enum(["group_admin", "customer_admin", "market_admin", "owner_admin"]), nodeId: z.string(), nodePath: z.string(), nodeName: z.string() }),
);
const permissionsSchema = z.array(z.enum(permission.enumValues));

/** Loads where a user sits in the tree, for a scope check on that user. Null if no such user. */
export async function loadUserTarget(db: DbOrTx, userId: string): Promise<UserTarget | null> {
  const [exists] = await db.select({ id: users.id, primaryRole: users.primaryRole }).from(users).where(eq(users.id, userId));
  if (!exists) return null;
  const [memberOf, rolesAt] = await Promise.all([
    db
      .select({ nodeId: nodes.id, nodePath: nodes.path, nodeName: nodes.name })
      .from(memberships)
      .innerJoin(nodes, eq(nodes.id, memberships.nodeId))
      .where(eq(memberships.userId, userId)),
    db
      .select({ nodeId: nodes.id, nodePath: nodes.path, nodeName: nodes.name })
      .from(roleAssignments)
      .innerJoin(nodes, eq(nodes.id, roleAssignments.nodeId))
      .where(eq(roleAssignments.userId, userId)),
  ]);
  const placements: Placement[] = [
    ...memberOf.map((p) => ({ ...p, via: "membership" as const })),
    ...rolesAt.map((p) => ({ ...p, via: "role" as const })),
  ];
  return { type: "user", userId, primaryRole: exists.primaryRole, placements };
}

/** Loads a node as a scope target. Null if no such node. */
export async function loadNodeTarget(db: DbOrTx, nodeId: string): Promise<NodeTarget | null> {
  const [node] = await db.select({ id: nodes.id, path: nodes.path }).from(nodes).where(eq(nodes.id, nodeId));
  return node ? { type: "node", nodeId: node.id, nodePath: node.path } : null;
}
