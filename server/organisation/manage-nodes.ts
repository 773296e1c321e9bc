import { and, eq, isNull, like, ne, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { memberships, nodes, roleAssignments, type Node, type NodeKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { refreshUserScopesUnder } from "../scope";
import { getSettings } from "../settings/get-settings";
import { moveIssuesWithTree } from "../support/tree-moves";
import { validateCustomFieldValues, type CustomFieldValues } from "./custom-fields";
import { kindLabel } from "./kinds";
import { allowedParentKinds, insertNode, TreeShapeError } from "./nodes";

// What an audit entry keeps of a node.
const auditView = (node: Node) => ({
  kind: node.kind,
  name: node.name,
  description: node.description,
  customFields: node.customFields,
  parentId: node.parentId,
  archived: node.archivedAt !== null,
});

async function lockedNode(tx: DbOrTx, nodeId: string): Promise<Node> {
  const [node] = await tx.select().from(nodes).where(eq(nodes.id, nodeId)).for("update");
  if (!node) throw new DomainError("NOT_FOUND", "No such organisation in your scope.");
  return node;
}

/** Two live siblings of one kind never share a name (compared without case), so pickers stay unambiguous. */
async function assertNameFree(
  tx: DbOrTx,
  input: { parentId: string; kind: NodeKind; name: string; exceptId?: string },
) {
  const [clash] = await tx
    .select({ id: nodes.id })
    .from(nodes)
    .where(
      and(
        eq(nodes.parentId, input.parentId),
        eq(nodes.kind, input.kind),
        isNull(nodes.archivedAt),
        sql`lower(${nodes.name}) = ${input.name.toLowerCase()}`,
        input.exceptId ? ne(nodes.id, input.exceptId) : undefined,
      ),
    );
  if (clash)
    throw new DomainError("CONFLICT", `There is already a ${kindLabel[input.kind]} called "${input.name}" here.`);
}

export interface NodeProfile {
  name: string;
  description: string;
  customFields?: CustomFieldValues | undefined;
}

async function cleanCustomFields(
  tx: DbOrTx,
  kind: NodeKind,
  values: CustomFieldValues | undefined,
): Promise<CustomFieldValues> {
  if (kind !== "customer") {
    if (values && Object.keys(values).length)
      throw new DomainError("BAD_REQUEST", "Only customers carry custom fields.");
    return {};
  }
  return validateCustomFieldValues((await getSettings(tx)).customerFields, values ?? {});
}

/** Creates a market, customer, internal organisation or user group under `parentId`. */
export async function createNode(
  db: Database,
  context: AuditContext,
  input: NodeProfile & { kind: Exclude<NodeKind, "owner">; parentId: string },
): Promise<{ nodeId: string }> {
  return db.transaction(async (tx) => {
    // Locking the parent serialises sibling creation, so two requests cannot both pass the name check.
    const parent = await lockedNode(tx, input.parentId);
    if (parent.archivedAt)
      throw new DomainError("BAD_REQUEST", `"${parent.name}" is archived: restore it before adding to it.`);
    if (!allowedParentKinds[input.kind].includes(parent.kind)) {
      throw new DomainError(
        "BAD_REQUEST",
        `A ${kindLabel[input.kind]} cannot be placed under a ${kindLabel[parent.kind]}.`,
      );
    }
    await assertNameFree(tx, { parentId: parent.id, kind: input.kind, name: input.name });
    const customFields = await cleanCustomFields(tx, input.kind, input.customFields);
    let node: Node;
    try {
      node = await insertNode(tx, {
        kind: input.kind,
        parentId: parent.id,
        name: input.name,
        description: input.description,
      });
    } catch (error) {
      if (error instanceof TreeShapeError) throw new DomainError("BAD_REQUEST", error.message);
      throw error;
    }
    if (Object.keys(customFields).length)
      [node] = (await tx.update(nodes).set({ customFields }).where(eq(nodes.id, node.id)).returning()) as [Node];
    await recordAudit(tx, context, {
      action: "node.created",
      targetType: "node",
      targetId: node.id,
      after: auditView(node),
    });
    return { nodeId: node.id };
  });
}

/** Edits a node's profile: name, description and, for a customer, its custom fields. */
export async function updateNode(
  db: Database,
  context: AuditContext,
  nodeId: string,
  profile: NodeProfile,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedNode(tx, nodeId);
    if (before.parentId)
      await assertNameFree(tx, {
        parentId: before.parentId,
        kind: before.kind,
        name: profile.name,
        exceptId: before.id,
      });
    const customFields = await cleanCustomFields(tx, before.kind, profile.customFields);
    const [after] = await tx
      .update(nodes)
      .set({ name: profile.name, description: profile.description, customFields, updatedAt: new Date() })
      .where(eq(nodes.id, nodeId))
      .returning();
    await recordAudit(tx, context, {
      action: "node.updated",
      targetType: "node",
      targetId: nodeId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}

/**
 * Archives (hidden from the tree and pickers; its users keep their accounts and history) or
 * restores a node. The reversible alternative to deleting.
 */
export async function setArchived(
  db: Database,
  context: AuditContext,
  nodeId: string,
  archived: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedNode(tx, nodeId);
    if ((before.archivedAt !== null) === archived) return;
    if (!archived && before.parentId) {
      const [parent] = await tx
        .select({ name: nodes.name, archivedAt: nodes.archivedAt })
        .from(nodes)
        .where(eq(nodes.id, before.parentId));
      if (parent?.archivedAt)
        throw new DomainError(
          "BAD_REQUEST",
          `Restore "${parent.name}" first: it holds this ${kindLabel[before.kind]}.`,
        );
      await assertNameFree(tx, { parentId: before.parentId, kind: before.kind, name: before.name });
    }
    const [after] = await tx
      .update(nodes)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(nodes.id, nodeId))
      .returning();
    await recordAudit(tx, context, {
      action: archived ? "node.archived" : "node.restored",
      targetType: "node",
      targetId: nodeId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}

/** What still hangs from a node: deleting is refused while anything does. */
export async function nodeContents(
  tx: DbOrTx,
  node: Pick<Node, "id" | "path">,
): Promise<{ children: number; members: number; roles: number }> {
  const [row] = await tx.execute<{ children: number; members: number; roles: number }>(sql`
    select
      (select count(*)::int from ${nodes} where ${nodes.path} like ${`${node.path}%`} and ${nodes.id} <> ${node.id}) as children,
      (select count(distinct ${memberships.userId})::int from ${memberships} join ${nodes} on ${nodes.id} = ${memberships.nodeId} where ${nodes.path} like ${`${node.path}%`}) as members,
      (select count(*)::int from ${roleAssignments} join ${nodes} on ${nodes.id} = ${roleAssignments.nodeId} where ${nodes.path} like ${`${node.path}%`}) as roles`);
  return row ?? { children: 0, members: 0, roles: 0 };
}

/**
 * Deletes an empty node for good, once its name was typed to confirm. A node that still holds
 * organisations, members or roles is refused: nothing is deleted that the admin did not name.
 */
export async function deleteNode(
  db: Database,
  context: AuditContext,
  nodeId: string,
  confirmName: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedNode(tx, nodeId);
    if (before.kind === "owner") throw new DomainError("BAD_REQUEST", "The owner organisation cannot be deleted.");
    if (confirmName.trim() !== before.name)
      throw new DomainError("BAD_REQUEST", `Type the name "${before.name}" exactly to confirm the deletion.`);
    const held = await nodeContents(tx, before);
    if (held.children || held.members || held.roles) {
      const parts = [
        held.children
          ? `${held.children} organisation${held.children === 1 ? "" : "s"} or group${held.children === 1 ? "" : "s"}`
          : null,
        held.members ? `${held.members} member${held.members === 1 ? "" : "s"}` : null,
        held.roles ? `${held.roles} role assignment${held.roles === 1 ? "" : "s"}` : null,
      ].filter(Boolean);
      throw new DomainError(
        "PRECONDITION_FAILED",
        `"${before.name}" still holds ${parts.join(", ")}. Move or remove them first, or archive it instead: archiving keeps everything and can be undone.`,
      );
    }
    await tx.delete(nodes).where(eq(nodes.id, nodeId));
    await recordAudit(tx, context, {
      action: "node.deleted",
      targetType: "node",
      targetId: nodeId,
      before: auditView(before),
    });
  });
}

/**
 * Moves a customer, with everything under it, to another market or directly under the owner.
 * One statement rewrites the subtree's paths, so the customer is never under two markets; the
 * scope rows of everyone placed below, and the issues reported there, follow in the same transaction.
 */
export async function moveCustomer(
  db: Database,
  context: AuditContext,
  customerId: string,
  newParentId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedNode(tx, customerId);
    if (before.kind !== "customer")
      throw new DomainError("BAD_REQUEST", "Only customers can be moved to another market.");
    const parent = await lockedNode(tx, newParentId);
    if (parent.kind !== "market" && parent.kind !== "owner")
      throw new DomainError("BAD_REQUEST", "Move a customer to a market, or directly under the owner.");
    if (parent.archivedAt)
      throw new DomainError("BAD_REQUEST", `"${parent.name}" is archived: restore it before moving customers to it.`);
    if (before.parentId === parent.id) return;
    await assertNameFree(tx, { parentId: parent.id, kind: "customer", name: before.name });
    const oldPath = before.path;
    const newPath = `${parent.path}${before.id}/`;
    await tx
      .update(nodes)
      .set({ path: sql`${newPath} || substr(${nodes.path}, ${oldPath.length + 1})`, updatedAt: new Date() })
      .where(like(nodes.path, `${oldPath}%`));
    const [after] = await tx.update(nodes).set({ parentId: parent.id }).where(eq(nodes.id, customerId)).returning();
    await refreshUserScopesUnder(tx, newPath);
    await moveIssuesWithTree(tx, oldPath, newPath);
    await recordAudit(tx, context, {
      action: "node.moved",
      targetType: "node",
      targetId: customerId,
      before: auditView(before),
      after: after ? auditView(after) : null,
    });
  });
}
