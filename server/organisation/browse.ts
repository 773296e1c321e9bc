import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { nodes, userScopes, users, type NodeKind } from "../db/schema";
import { actionRules, administeredGrants, visibleNodesFilter, type Actor, type AdminRole } from "../scope";
import { pathNames } from "./path-names";

/** What a picker of nodes is for: it decides the least role the listed nodes need. */
export type PickerPurpose = keyof typeof pickerRole | "distribute";

const pickerRole = {
  members: "group_admin",
  grantLocal: "customer_admin",
  grantTop: "owner_admin",
  moveTarget: "owner_admin",
  registration: "customer_admin",
} as const satisfies Record<string, AdminRole>;

/**
 * Live nodes of one kind that the actor administers with the least role the picker's purpose
 * needs, for pickers: the name and the path above it. A search matches anywhere in the name.
 */
export async function nodesInScope(
  db: DbOrTx,
  actor: Actor,
  input: { kind: NodeKind; search?: string | undefined; purpose?: PickerPurpose },
) {
  const purpose = input.purpose ?? "members";
  // Passing content on: the least role depends on the kind of node it goes to (content.assign).
  const perKind: Partial<Record<NodeKind, AdminRole>> = actionRules["content.assign"].minRole;
  // Nothing is passed on to the owner's own node: only its admins would be listed.
  const minRole = purpose === "distribute" ? (perKind[input.kind] ?? "owner_admin") : pickerRole[purpose];
  const conditions = [eq(nodes.kind, input.kind), isNull(nodes.archivedAt), visibleNodesFilter(actor, minRole)];
  if (input.search?.trim())
    conditions.push(
      sql`lower(${nodes.name}) like ${`%${input.search
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
    );
  const rows = await db
    .select({ id: nodes.id, name: nodes.name, path: nodes.path })
    .from(nodes)
    .where(and(...conditions))
    .orderBy(asc(nodes.path))
    .limit(50);
  const names = await pathNames(
    db,
    rows.map((r) => r.path),
  );
  return rows
    .map((r) => ({ id: r.id, name: r.name, path: names.get(r.path) ?? [r.name] }))
    .sort((a, b) => a.path.join("/").localeCompare(b.path.join("/")));
}

export interface TreeNode {
  id: string;
  kind: NodeKind;
  name: string;
  hasChildren: boolean;
  archived: boolean;
  counts: { total: number; not_invited: number; invited: number; active: number; suspended: number; locked: number };
}

/**
 * One level of the tree the actor may see: the children of `parentId`, or the actor's top
 * nodes (the owner, or the nodes where they hold roles). Each with its users counted per status.
 */
export async function treeLevel(
  db: DbOrTx,
  actor: Actor,
  parentId: string | null,
  options: { includeArchived?: boolean } = {},
): Promise<{ path: { id: string; name: string }[]; nodes: TreeNode[] }> {
  let level: { id: string; kind: NodeKind; name: string; path: string; archivedAt: Date | null }[];
  let crumbs: { id: string; name: string }[] = [];
  if (parentId === null) {
    const grants = administeredGrants(actor);
    level =
      grants === "all"
        ? await db
            .select({
              id: nodes.id,
              kind: nodes.kind,
              name: nodes.name,
              path: nodes.path,
              archivedAt: nodes.archivedAt,
            })
            .from(nodes)
            .where(eq(nodes.kind, "owner"))
        : grants.length
          ? await db
              .select({
                id: nodes.id,
                kind: nodes.kind,
                name: nodes.name,
                path: nodes.path,
                archivedAt: nodes.archivedAt,
              })
              .from(nodes)
              .where(
                inArray(
                  nodes.id,
                  grants.map((g) => g.nodeId),
                ),
              )
          : [];
  } else {
    const [parent] = await db.select({ path: nodes.path }).from(nodes).where(eq(nodes.id, parentId));
    if (!parent) return { path: [], nodes: [] };
    level = await db
      .select({ id: nodes.id, kind: nodes.kind, name: nodes.name, path: nodes.path, archivedAt: nodes.archivedAt })
      .from(nodes)
      .where(and(eq(nodes.parentId, parentId), options.includeArchived ? undefined : isNull(nodes.archivedAt)))
      .orderBy(asc(nodes.kind), asc(nodes.name));
    const ids = parent.path.split("/").filter(Boolean);
    const names = new Map(
      (await db.select({ id: nodes.id, name: nodes.name }).from(nodes).where(inArray(nodes.id, ids))).map((n) => [
        n.id,
        n.name,
      ]),
    );
    crumbs = ids.map((id) => ({ id, name: names.get(id) ?? "?" }));
  }
  if (level.length === 0) return { path: crumbs, nodes: [] };
  const ids = level.map((n) => n.id);
  const [children, counts, ownerCounts] = await Promise.all([
    db.select({ parentId: nodes.parentId }).from(nodes).where(inArray(nodes.parentId, ids)).groupBy(nodes.parentId),
    db
      .select({
        nodeId: userScopes.nodeId,
        total: sql<number>`count(*)::int`,
        not_invited: sql<number>`(count(*) filter (where ${users.status} = 'not_invited'))::int`,
        invited: sql<number>`(count(*) filter (where ${users.status} = 'invited'))::int`,
        active: sql<number>`(count(*) filter (where ${users.status} = 'active'))::int`,
        suspended: sql<number>`(count(*) filter (where ${users.suspendedAt} is not null))::int`,
        locked: sql<number>`(count(*) filter (where ${users.lockedUntil} > now()))::int`,
      })
      .from(userScopes)
      .innerJoin(users, eq(users.id, userScopes.userId))
      .where(inArray(userScopes.nodeId, ids))
      .groupBy(userScopes.nodeId),
    // The owner's subtree is everyone: counted from users directly (no user_scopes rows for it).
    level.some((n) => n.kind === "owner")
      ? db
          .select({
            total: sql<number>`count(*)::int`,
            not_invited: sql<number>`(count(*) filter (where ${users.status} = 'not_invited'))::int`,
            invited: sql<number>`(count(*) filter (where ${users.status} = 'invited'))::int`,
            active: sql<number>`(count(*) filter (where ${users.status} = 'active'))::int`,
            suspended: sql<number>`(count(*) filter (where ${users.suspendedAt} is not null))::int`,
            locked: sql<number>`(count(*) filter (where ${users.lockedUntil} > now()))::int`,
          })
          .from(users)
      : Promise.resolve([]),
  ]);
  const withChildren = new Set(children.map((c) => c.parentId));
  const countsById = new Map(counts.map(({ nodeId, ...c }) => [nodeId, c]));
  const empty = { total: 0, not_invited: 0, invited: 0, active: 0, suspended: 0, locked: 0 };
  return {
    path: crumbs,
    nodes: level.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      hasChildren: withChildren.has(n.id),
      archived: n.archivedAt !== null,
      counts: n.kind === "owner" ? (ownerCounts[0] ?? empty) : (countsById.get(n.id) ?? empty),
    })),
  };
}

/** The owner's node (the top of the tree), or null in an installation not set up yet. */
export async function ownerNodeId(db: DbOrTx): Promise<string | null> {
  const [owner] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.kind, "owner"));
  return owner?.id ?? null;
}
