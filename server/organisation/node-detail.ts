import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { nodes, roleAssignments, users, type NodeKind } from "../db/schema";
import { can, type Actor, type NodeTarget } from "../scope";
import { getSettings } from "../settings/get-settings";
import { allowedParentKinds } from "./nodes";
import { nodeContents } from "./manage-nodes";

const creatable: Exclude<NodeKind, "owner">[] = ["market", "internal", "customer", "group"];

/**
 * A node's page: its profile, the breadcrumb from the top of what the actor sees, what it holds,
 * and what the actor may do with it, each answered by the scope resolver.
 */
export async function getNodeDetail(db: DbOrTx, actor: Actor, target: NodeTarget) {
  const [node] = await db.select().from(nodes).where(eq(nodes.id, target.nodeId));
  if (!node) return null;
  const ids = node.path.split("/").filter(Boolean);
  const [ancestors, contents, settings, administrators] = await Promise.all([
    db
      .select({ id: nodes.id, name: nodes.name, kind: nodes.kind, path: nodes.path })
      .from(nodes)
      .where(inArray(nodes.id, ids)),
    nodeContents(db, node),
    getSettings(db),
    // Who administers it, by name: whoever may open the node may know who runs it.
    db
      .select({
        userId: users.id,
        name: sql<string>`trim(${users.firstName} || ' ' || ${users.lastName})`,
        email: users.email,
        role: roleAssignments.role,
        suspended: sql<boolean>`${users.suspendedAt} is not null`,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(eq(roleAssignments.nodeId, node.id))
      .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id)),
  ]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  // The breadcrumb starts at the first node the actor may open: a market admin never sees a link to the owner.
  const breadcrumb = ids
    .map((id) => byId.get(id))
    .filter((a) => a !== undefined)
    .filter((a) => can(actor, "node.read", { type: "node", nodeId: a.id, nodePath: a.path, kind: a.kind }).allowed)
    .map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    description: node.description,
    customFields: node.customFields,
    customFieldDefinitions: node.kind === "customer" ? settings.customerFields : [],
    // For the form of a customer created under this node.
    customerFieldDefinitions: settings.customerFields,
    archived: node.archivedAt !== null,
    createdAt: node.createdAt,
    breadcrumb,
    contents,
    administrators,
    may: {
      edit: can(actor, "node.edit", target).allowed,
      remove: node.kind !== "owner" && can(actor, "node.remove", target).allowed,
      move: node.kind === "customer" && can(actor, "customer.move", target).allowed,
      manageMembers: node.kind === "group" && can(actor, "group.members", target).allowed,
      create: creatable.filter(
        (kind) =>
          allowedParentKinds[kind].includes(node.kind) &&
          can(actor, "node.create", { ...target, childKind: kind }).allowed,
      ),
    },
  };
}
