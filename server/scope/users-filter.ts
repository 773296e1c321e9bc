import { inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { nodes, userScopes, users } from "../db/schema";
import { administeredGrants, type Actor } from "./resolver";
import type { AdminRole } from "./roles";

/**
 * The SQL condition on `users` that keeps exactly the users the actor may see: everyone for an
 * owner admin; otherwise those with a placement inside one of the actor's administered subtrees,
 * answered by the user_scopes index. Every query that lists users puts this in its WHERE.
 */
export function visibleUsersFilter(actor: Actor, minRole: AdminRole = "group_admin"): SQL {
  const grants = administeredGrants(actor, minRole);
  if (grants === "all") return sql`true`;
  if (grants.length === 0) return sql`false`;
  return inArray(
    users.id,
    sql`(select ${userScopes.userId} from ${userScopes} where ${inArray(
      userScopes.nodeId,
      grants.map((grant) => grant.nodeId),
    )})`,
  );
}

/**
 * The SQL condition that keeps the nodes inside the subtrees the actor administers with at least
 * `minRole` (all for an owner admin). `path` is the nodes' path column, for a query that aliases them.
 */
export function visibleNodesFilter(
  actor: Actor,
  minRole: AdminRole = "group_admin",
  path: AnyColumn | SQL = nodes.path,
): SQL {
  const grants = administeredGrants(actor, minRole);
  if (grants === "all") return sql`true`;
  if (grants.length === 0) return sql`false`;
  return or(...grants.map((grant) => sql`${path} like ${`${grant.nodePath}%`}`))!;
}
