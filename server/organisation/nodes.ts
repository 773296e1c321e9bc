import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { nodes, type Node, type NodeKind } from "../db/schema";

/** Which kind of node may sit under which: the shape of the tree in docs/organisation-and-roles.md. */
export const allowedParentKinds: Record<NodeKind, readonly NodeKind[]> = {
  owner: [],
  market: ["owner"],
  customer: ["owner", "market"],
  internal: ["owner"],
  group: ["market", "customer", "internal"],
};

export class TreeShapeError extends Error {}

/** Adds a node under `parentId` (null only for the owner), computing its materialised path. */
export async function insertNode(
  tx: DbOrTx,
  input: { kind: NodeKind; parentId: string | null; name: string; description?: string },
): Promise<Node> {
  const id = randomUUID();
  let path = `/${id}/`;
  if (input.parentId === null) {
    if (input.kind !== "owner") throw new TreeShapeError(`A ${input.kind} needs a parent.`);
  } else {
    const [parent] = await tx.select().from(nodes).where(eq(nodes.id, input.parentId));
    if (!parent) throw new TreeShapeError("The parent does not exist.");
    if (!allowedParentKinds[input.kind].includes(parent.kind)) {
      throw new TreeShapeError(`A ${input.kind} cannot be placed under a ${parent.kind}.`);
    }
    path = `${parent.path}${id}/`;
  }
  const [node] = await tx
    .insert(nodes)
    .values({
      id,
      kind: input.kind,
      parentId: input.parentId,
      path,
      name: input.name,
      description: input.description ?? "",
    })
    .returning();
  if (!node) throw new Error("node insert returned no row");
  return node;
}
