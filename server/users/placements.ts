import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import {
  memberships,
  nodes,
  permissionGroupMembers,
  permissionGroups,
  roleAssignments,
  users,
  type Node,
} from "../db/schema";
import { DomainError } from "../domain-error";
import { highestRole, refreshUserScopes, roleLabel, roleNodeKind, type AdminRole } from "../scope";

/*
 * Where a user sits: the groups they belong to, the roles they hold at nodes, and the permission
 * groups they are in. Every change keeps the primary role and the scope rows in step, in one
 * transaction, and leaves an audit entry.
 */

async function lockUser(tx: DbOrTx, userId: string) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, primaryRole: users.primaryRole })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
  return user;
}

async function nodeById(tx: DbOrTx, nodeId: string): Promise<Node> {
  const [node] = await tx.select().from(nodes).where(eq(nodes.id, nodeId));
  if (!node) throw new DomainError("NOT_FOUND", "No such organisation in your scope.");
  return node;
}

/** Whether a node lies inside a customer (is one, or is a group under one). */
async function isInsideCustomer(tx: DbOrTx, node: Pick<Node, "path">): Promise<boolean> {
  const ids = node.path.split("/").filter(Boolean);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(nodes)
    .where(and(inArray(nodes.id, ids), eq(nodes.kind, "customer")));
  return (row?.n ?? 0) > 0;
}

/** Recomputes the denormalised primary role and the scope rows after a placement changed. */
async function afterPlacementChange(tx: DbOrTx, userId: string): Promise<void> {
  const held = await tx
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  await tx
    .update(users)
    .set({ primaryRole: highestRole(held.map((r) => r.role)), updatedAt: new Date() })
    .where(eq(users.id, userId));
  await refreshUserScopes(tx, [userId]);
}

/** A user must stay somewhere in the tree, or no admin below the owner could find them again. */
async function assertStillPlaced(tx: DbOrTx, userId: string): Promise<void> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select ((select count(*) from ${memberships} where ${memberships.userId} = ${userId})
          + (select count(*) from ${roleAssignments} where ${roleAssignments.userId} = ${userId}))::int as n`);
  if (!row || row.n === 0) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "This is the user's last group or role: add them to another group first, or suspend or delete them instead.",
    );
  }
}

const MARKET_ADMIN_IN_CUSTOMER =
  "A market admin cannot be placed in a customer or in one of its groups. Add them to a market-level group instead.";

export async function addToGroup(db: DbOrTx, context: AuditContext, userId: string, groupId: string): Promise<void> {
  await db.transaction((tx) => addToGroupInTx(tx, context, userId, groupId));
}

/** Adds a user to a live group in the caller's transaction; a member already is left as they are. */
export async function addToGroupInTx(
  tx: DbOrTx,
  context: AuditContext,
  userId: string,
  groupId: string,
): Promise<void> {
  const user = await lockUser(tx, userId);
  const group = await nodeById(tx, groupId);
  if (group.kind !== "group") throw new DomainError("BAD_REQUEST", "Choose a user group.");
  if (group.archivedAt)
    throw new DomainError("BAD_REQUEST", `"${group.name}" is archived: restore it before adding members.`);
  if (user.primaryRole === "market_admin" && (await isInsideCustomer(tx, group)))
    throw new DomainError("BAD_REQUEST", MARKET_ADMIN_IN_CUSTOMER);
  const inserted = await tx.insert(memberships).values({ userId, nodeId: groupId }).onConflictDoNothing().returning();
  if (inserted.length === 0) return; // already a member: nothing changed
  await afterPlacementChange(tx, userId);
  await recordAudit(tx, context, {
    action: "user.group_added",
    targetType: "user",
    targetId: userId,
    after: { groupId, group: group.name },
  });
}

export async function removeFromGroup(
  db: Database,
  context: AuditContext,
  userId: string,
  groupId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.nodeId, groupId)))
      .returning();
    if (removed.length === 0) return;
    await assertStillPlaced(tx, userId);
    const group = await nodeById(tx, groupId);
    await afterPlacementChange(tx, userId);
    await recordAudit(tx, context, {
      action: "user.group_removed",
      targetType: "user",
      targetId: userId,
      before: { groupId, group: group.name },
    });
  });
}

/** Grants `role` at a node of the kind that role is held at (group admin at a group, and so on). */
export async function grantRole(
  db: Database,
  context: AuditContext,
  input: { userId: string; role: AdminRole; nodeId: string },
): Promise<void> {
  await db.transaction((tx) => grantRoleInTx(tx, context, input));
}

/** Grants a role in the caller's transaction (a new user's roles are granted with their creation). */
export async function grantRoleInTx(
  tx: DbOrTx,
  context: AuditContext,
  input: { userId: string; role: AdminRole; nodeId: string },
): Promise<void> {
  const user = await lockUser(tx, input.userId);
  const node = await nodeById(tx, input.nodeId);
  const wanted = roleNodeKind[input.role];
  if (node.kind !== wanted)
    throw new DomainError(
      "BAD_REQUEST",
      `A ${roleLabel[input.role].toLowerCase()} role is held at a ${wanted}, not at a ${node.kind}.`,
    );
  if (node.archivedAt)
    throw new DomainError("BAD_REQUEST", `"${node.name}" is archived: restore it before granting roles there.`);
  // A market admin stays one step away from the customers of markets: no admin role inside one.
  if (user.primaryRole === "market_admin" && input.role !== "market_admin" && (await isInsideCustomer(tx, node)))
    throw new DomainError(
      "BAD_REQUEST",
      "A market admin cannot hold an admin role in a customer or in one of its groups: the customer's own admins do that.",
    );
  if (input.role === "market_admin") {
    const placed = await tx.select({ path: nodes.path }).from(nodes)
      .where(sql`${nodes.id} in (select ${memberships.nodeId} from ${memberships} where ${memberships.userId} = ${input.userId}
                                 union select ${roleAssignments.nodeId} from ${roleAssignments} where ${roleAssignments.userId} = ${input.userId})`);
    for (const placement of placed)
      if (await isInsideCustomer(tx, placement))
        throw new DomainError("BAD_REQUEST", `${MARKET_ADMIN_IN_CUSTOMER} Remove them from the customer first.`);
  }
  const inserted = await tx
    .insert(roleAssignments)
    .values({ userId: input.userId, role: input.role, nodeId: input.nodeId, grantedBy: context.actorId })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return;
  await afterPlacementChange(tx, input.userId);
  await recordAudit(tx, context, {
    action: "user.role_granted",
    targetType: "user",
    targetId: input.userId,
    before: { primaryRole: user.primaryRole },
    after: { role: input.role, nodeId: node.id, node: node.name },
  });
}

export async function revokeRole(db: Database, context: AuditContext, assignmentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [assignment] = await tx.select().from(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    if (!assignment) return; // already revoked
    if (assignment.userId === context.actorId)
      throw new DomainError("BAD_REQUEST", "You cannot revoke your own role: ask another administrator.");
    await lockUser(tx, assignment.userId);
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await assertStillPlaced(tx, assignment.userId);
    const node = await nodeById(tx, assignment.nodeId);
    await afterPlacementChange(tx, assignment.userId);
    await recordAudit(tx, context, {
      action: "user.role_revoked",
      targetType: "user",
      targetId: assignment.userId,
      before: { role: assignment.role, nodeId: node.id, node: node.name },
    });
  });
}

/**
 * Puts a user in a permission group or takes them out of it. Nobody changes their own: Approve and
 * Publish are granted by someone else, even among owner admins.
 */
export async function setPermissionGroupMember(
  db: Database,
  context: AuditContext,
  input: { userId: string; permissionGroupId: string; member: boolean },
): Promise<void> {
  if (input.userId === context.actorId)
    throw new DomainError(
      "FORBIDDEN",
      "You cannot change your own permission groups: another owner admin gives or takes them.",
    );
  await db.transaction(async (tx) => {
    await lockUser(tx, input.userId);
    const [group] = await tx.select().from(permissionGroups).where(eq(permissionGroups.id, input.permissionGroupId));
    if (!group) throw new DomainError("NOT_FOUND", "No such permission group.");
    const changed = input.member
      ? await tx
          .insert(permissionGroupMembers)
          .values({ userId: input.userId, permissionGroupId: group.id })
          .onConflictDoNothing()
          .returning()
      : await tx
          .delete(permissionGroupMembers)
          .where(
            and(
              eq(permissionGroupMembers.userId, input.userId),
              eq(permissionGroupMembers.permissionGroupId, group.id),
            ),
          )
          .returning();
    if (changed.length === 0) return;
    await recordAudit(tx, context, {
      action: input.member ? "user.permission_group_added" : "user.permission_group_removed",
      targetType: "user",
      targetId: input.userId,
      [input.member ? "after" : "before"]: {
        permissionGroupId: group.id,
        permissionGroup: group.name,
        permissions: group.permissions,
      },
    });
  });
}
