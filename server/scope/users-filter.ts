import { sql, type SQL } from "drizzle-orm";
import { memberships, nodes, roleAssignments, users } from "../db/schema";
import { administeredPaths, type Actor } from "./resolver";
import type { AdminRole } from "./roles";

/**
 * The SQL condition on `users` that keeps exactly the users the actor may see: everyone for an
 * owner admin; otherwise those who belong to a group, or hold a role at a node, inside one of the
 * actor's administered subtrees. Every query that lists users puts this in its WHERE.
 */
export function visibleUsersFilter(actor: Actor, minRole: AdminRole = "group_admin"): SQL {
  const paths = administeredPaths(actor, minRole);
  if (paths === "all") return sql`true`;
  if (paths.length === 0) return sql`false`;
  // Paths are made of uuids and slashes only, so they carry no LIKE wildcards.
  const inSubtree = sql.join(
    paths.map((path) => sql`${nodes.path} like ${`${path}%`}`),
    sql` or `,
  );
  return sql`(exists (select 1 from ${memberships} join ${nodes} on ${nodes.id} = ${memberships.nodeId}
      where ${memberships.userId} = ${users.id} and (${inSubtree}))
    or exists (select 1 from ${roleAssignments} join ${nodes} on ${nodes.id} = ${roleAssignments.nodeId}
      where ${roleAssignments.userId} = ${users.id} and (${inSubtree})))`;
}
