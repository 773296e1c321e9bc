import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { can, loadActor, loadNodeTarget, type Action } from "../scope";

/**
 * The administrators the scope resolver lets do `action` at a node: candidates are those holding a
 * role at the node or above it; each is then asked about (suspended admins and those who must set
 * up two-step verification first drop out). `except`: the one who caused it.
 */
export async function adminsWhoMayAt(
  tx: DbOrTx,
  action: Action,
  nodeId: string,
  except?: string | null,
): Promise<string[]> {
  const target = await loadNodeTarget(tx, nodeId);
  if (!target) return [];
  const candidates = await tx.execute<{ user_id: string }>(sql`
    select distinct ra.user_id from role_assignments ra join nodes n on n.id = ra.node_id
    where ${target.nodePath} like n.path || '%'`);
  const allowed: string[] = [];
  for (const { user_id: id } of candidates) {
    if (id === except) continue;
    const actor = await loadActor(tx, id);
    if (actor && can(actor, action, target).allowed) allowed.push(id);
  }
  return allowed;
}

/** The owner node: where a request routed to no customer waits. */
export async function ownerNodeId(tx: DbOrTx): Promise<string | null> {
  const [row] = await tx.execute<{ id: string }>(sql`select id from nodes where kind = 'owner' limit 1`);
  return row?.id ?? null;
}
