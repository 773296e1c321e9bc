import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { permission, permissionGroupMembers, permissionGroups, users, type Permission } from "../db/schema";
import { DomainError } from "../domain-error";

/*
 * Permission groups: named sets of operations granted on top of a person's role, cumulative
 * across the groups a person is in. Owner admins manage them (System › Permission groups); every
 * change is in the audit log.
 */

/** What each permission lets its holders do, in the words the dashboard shows. */
export const permissionLabels: Record<Permission, { label: string; description: string }> = {
  "content.approve": {
    label: "Approve content",
    description: "Approve a version of a product, training, course or document (a signed approval).",
  },
  "content.publish": {
    label: "Publish content",
    description: "Publish an approved version, so that the people it is given to see it (signed).",
  },
  "boards.moderate": {
    label: "Moderate community boards",
    description: "Pin, lock, hide and remove posts on the community boards the person is a member of.",
  },
};

const groupName = z.string().trim().min(1, "Give the group a name.").max(100, "Keep the name under 100 characters.");
const groupFields = {
  name: groupName,
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  permissions: z
    .array(z.enum(permission.enumValues, { error: "Choose permissions from the list." }))
    .max(permission.enumValues.length)
    .transform((list) => [...new Set(list)]),
};
export const createPermissionGroupInput = z.object(groupFields);
export const updatePermissionGroupInput = z.object({ permissionGroupId: z.uuid(), ...groupFields });
export const deletePermissionGroupInput = z.object({
  permissionGroupId: z.uuid(),
  // Deleting a group that has members is confirmed by typing its name.
  confirmName: z.string().trim().max(100).optional(),
});

const DUPLICATE = "A permission group of that name exists already: choose another name.";

/** Every permission group with how many people are in it. */
export async function listPermissionGroups(db: DbOrTx) {
  return db
    .select({
      id: permissionGroups.id,
      name: permissionGroups.name,
      description: permissionGroups.description,
      permissions: permissionGroups.permissions,
      members: sql<number>`(select count(*)::int from ${permissionGroupMembers} m where m.permission_group_id = ${permissionGroups.id})`,
    })
    .from(permissionGroups)
    .orderBy(sql`lower(${permissionGroups.name})`);
}

/** One group with its members (name, email, primary role), for its page. */
export async function permissionGroupDetail(db: DbOrTx, groupId: string) {
  const [group] = await db.select().from(permissionGroups).where(eq(permissionGroups.id, groupId));
  if (!group) throw new DomainError("NOT_FOUND", "No such permission group.");
  const members = await db
    .select({
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      primaryRole: users.primaryRole,
      suspended: sql<boolean>`${users.suspendedAt} is not null`,
    })
    .from(permissionGroupMembers)
    .innerJoin(users, eq(users.id, permissionGroupMembers.userId))
    .where(eq(permissionGroupMembers.permissionGroupId, groupId))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    permissions: group.permissions,
    members,
  };
}

async function assertNameFree(tx: DbOrTx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: permissionGroups.id })
    .from(permissionGroups)
    .where(
      and(
        sql`lower(${permissionGroups.name}) = lower(${name})`,
        exceptId ? ne(permissionGroups.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new DomainError("CONFLICT", DUPLICATE);
}

/** A unique violation on the name (two creations at once) reads as the same sentence. */
async function nameGuard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
    if (code === "23505") throw new DomainError("CONFLICT", DUPLICATE);
    throw error;
  }
}

export async function createPermissionGroup(
  db: Database,
  context: AuditContext,
  input: z.infer<typeof createPermissionGroupInput>,
): Promise<{ permissionGroupId: string }> {
  return nameGuard(
    db.transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const [group] = await tx.insert(permissionGroups).values(input).returning();
      await recordAudit(tx, context, {
        action: "permission_group.created",
        targetType: "permission_group",
        targetId: group!.id,
        after: { name: group!.name, description: group!.description, permissions: group!.permissions },
      });
      return { permissionGroupId: group!.id };
    }),
  );
}

export async function updatePermissionGroup(
  db: Database,
  context: AuditContext,
  input: z.infer<typeof updatePermissionGroupInput>,
): Promise<void> {
  await nameGuard(
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(permissionGroups)
        .where(eq(permissionGroups.id, input.permissionGroupId))
        .for("update");
      if (!before) throw new DomainError("NOT_FOUND", "No such permission group.");
      await assertNameFree(tx, input.name, before.id);
      const { permissionGroupId, ...fields } = input;
      await tx
        .update(permissionGroups)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(permissionGroups.id, permissionGroupId));
      await recordAudit(tx, context, {
        action: "permission_group.updated",
        targetType: "permission_group",
        targetId: before.id,
        before: { name: before.name, description: before.description, permissions: before.permissions },
        after: fields,
      });
    }),
  );
}

/**
 * Deletes a group. One with members is deleted only when its name is typed to confirm (the page
 * first says who loses which permissions); the members lose what this group alone gave them.
 */
export async function deletePermissionGroup(
  db: Database,
  context: AuditContext,
  input: z.infer<typeof deletePermissionGroupInput>,
): Promise<{ membersRemoved: number }> {
  return db.transaction(async (tx) => {
    const [group] = await tx
      .select()
      .from(permissionGroups)
      .where(eq(permissionGroups.id, input.permissionGroupId))
      .for("update");
    if (!group) throw new DomainError("NOT_FOUND", "No such permission group.");
    const members = await tx
      .select({ userId: permissionGroupMembers.userId })
      .from(permissionGroupMembers)
      .where(eq(permissionGroupMembers.permissionGroupId, group.id));
    if (members.length > 0 && input.confirmName?.toLowerCase() !== group.name.toLowerCase())
      throw new DomainError(
        "PRECONDITION_FAILED",
        `"${group.name}" has ${members.length === 1 ? "1 member" : `${members.length} members`}: type its name to confirm that they lose its permissions.`,
      );
    await tx.delete(permissionGroups).where(eq(permissionGroups.id, group.id));
    await recordAudit(tx, context, {
      action: "permission_group.deleted",
      targetType: "permission_group",
      targetId: group.id,
      before: {
        name: group.name,
        permissions: group.permissions,
        members: members.map((member) => member.userId),
      },
    });
    return { membersRemoved: members.length };
  });
}
