import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { memberships, nodes } from "../db/schema";
import { pathNames } from "../organisation/path-names";

/**
 * The groups a person belongs to, each with the organisation above it ("St Olav University
 * Hospital"): what their portal is given flows through these.
 */
export async function myGroups(db: DbOrTx, userId: string): Promise<{ id: string; name: string; within: string[] }[]> {
  const rows = await db
    .select({ id: nodes.id, name: nodes.name, path: nodes.path })
    .from(memberships)
    .innerJoin(nodes, eq(nodes.id, memberships.nodeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(nodes.name));
  const names = await pathNames(
    db,
    rows.map((r) => r.path),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, within: (names.get(r.path) ?? []).slice(0, -1) }));
}
