import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { userScopes } from "../db/schema";

/**
 * Rebuilds the user_scopes rows of these users from their memberships and role assignments:
 * every node on the path of each placement, except the owner at the root (owner admins see
 * everyone without it). Call it in the transaction that changed the placements.
 */
export async function refreshUserScopes(tx: DbOrTx, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const ids = [...new Set(userIds)];
  await tx.delete(userScopes).where(inArray(userScopes.userId, ids));
  await tx.execute(sql`
    insert into user_scopes (node_id, user_id)
    select distinct ancestor::uuid, placement.user_id
    from (
      select user_id, node_id from memberships where user_id in ${ids}
      union
      select user_id, node_id from role_assignments where user_id in ${ids}
    ) placement
    join nodes on nodes.id = placement.node_id
    cross join lateral unnest((string_to_array(trim(both '/' from nodes.path), '/'))[2:]) as ancestor`);
}

/** Rebuilds user_scopes for everyone placed anywhere in the subtree at `path` (after a move). */
export async function refreshUserScopesUnder(tx: DbOrTx, path: string): Promise<void> {
  const rows = await tx.execute<{ user_id: string }>(sql`
    select distinct placement.user_id from (
      select user_id, node_id from memberships union select user_id, node_id from role_assignments
    ) placement join nodes on nodes.id = placement.node_id
    where nodes.path like ${`${path}%`}`);
  const ids = rows.map((row) => row.user_id);
  for (let i = 0; i < ids.length; i += 5000) await refreshUserScopes(tx, ids.slice(i, i + 5000));
}
