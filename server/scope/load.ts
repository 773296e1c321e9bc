import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { memberships, nodes, permissionGroupMembers, permissionGroups, roleAssignments, users, type Permission } from "../db/schema";
import { accessRefusal } from "../auth/access";
import type { Actor, Placement, UserTarget } from "./resolver";
import type { AdminRole } from "./roles";

/**
 * Loads the actor for a request from the database. Returns null when the user no longer exists or
 * may not use the system now (suspended, locked): the request is then treated as signed out.
 */
export async function loadActor(db: DbOrTx, userId: string, now = new Date()): Promise<Actor | null> {
  const [user] = await db
    .select({ id: users.id, primaryRole: users.primaryRole, suspendedAt: users.suspendedAt, lockedUntil: users.lockedUntil })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || accessRefusal(user, now) !== null) return null;

  const [grants, permissionRows] = await Promise.all([
    db
      .select({ role: roleAssignments.role, nodeId: nodes.id, nodePath: nodes.path, nodeName: nodes.name })
      .from(roleAssignments)
      .innerJoin(nodes, eq(nodes.id, roleAssignments.nodeId))
      .where(eq(roleAssignments.userId, userId)),
    db
      .select({ permissions: permissionGroups.permissions })
      .from(permissionGroupMembers)
      .innerJoin(permissionGroups, eq(permissionGroups.id, permissionGroupMembers.permissionGroupId))
      .where(eq(permissionGroupMembers.userId, userId)),
  ]);

  return {
    userId: user.id,
    primaryRole: user.primaryRole,
    // The table's check constraint guarantees role_assignments never holds product_user.
    grants: grants.map((g) => ({ ...g, role: g.role as AdminRole })),
    permissions: new Set<Permission>(permissionRows.flatMap((row) => row.permissions)),
  };
}

/** Loads where a user sits in the tree, for a scope check on that user. Null if no such user. */
export async function loadUserTarget(db: DbOrTx, userId: string): Promise<UserTarget | null> {
  const [exists] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
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
      .innerJoin(nodes, and(eq(nodes.id, roleAssignments.nodeId)))
      .where(eq(roleAssignments.userId, userId)),
  ]);
  const placements: Placement[] = [
    ...memberOf.map((p) => ({ ...p, via: "membership" as const })),
    ...rolesAt.map((p) => ({ ...p, via: "role" as const })),
  ];
  return { type: "user", userId, placements };
}
