import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client";
import { auditChain, auditLog, nodes, userScopes, users } from "../db/schema";
import { administeredGrants, visibleNodesFilter, visibleUsersFilter, type Actor } from "../scope";

/**
 * The audit entries the actor may read: all for an owner admin; otherwise their own actions and
 * those about users and organisations now inside their scope. Newest first, keyset-paged by id.
 */
export async function listAudit(
  db: DbOrTx,
  actor: Actor,
  params: { pageSize: number; before?: number | undefined; from?: Date | undefined; until?: Date | undefined },
) {
  const grants = administeredGrants(actor);
  const conditions: SQL[] = [];
  if (grants !== "all") {
    const visibleTargets =
      grants.length === 0
        ? sql`false`
        : or(
            and(
              eq(auditLog.targetType, "user"),
              inArray(
                auditLog.targetId,
                sql`(select ${userScopes.userId}::text from ${userScopes} where ${inArray(
                  userScopes.nodeId,
                  grants.map((g) => g.nodeId),
                )})`,
              ),
            ),
            // Organisations still in their subtrees (a deleted one is gone from the tree: the owner's to read).
            and(
              eq(auditLog.targetType, "node"),
              inArray(
                auditLog.targetId,
                sql`(select ${nodes.id}::text from ${nodes} where ${or(...grants.map((g) => like(nodes.path, `${g.nodePath}%`)))})`,
              ),
            ),
          )!;
    conditions.push(or(eq(auditLog.actorId, actor.userId), visibleTargets)!);
  }
  if (params.before) conditions.push(lt(auditLog.id, params.before));
  if (params.from) conditions.push(gte(auditLog.at, params.from));
  if (params.until) conditions.push(lt(auditLog.at, params.until));
  const actorUser = alias(users, "actor_user");
  const targetUser = alias(users, "target_user");
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
      actorId: auditLog.actorId,
      actorEmail: actorUser.email,
      targetEmail: targetUser.email,
      targetNodeName: nodes.name,
      // Its link in the hash chain (none yet for an entry of the last moments).
      chainSeq: auditChain.seq,
      chainHash: sql<string | null>`encode(${auditChain.hash}, 'hex')`,
    })
    .from(auditLog)
    .leftJoin(auditChain, eq(auditChain.entryId, auditLog.id))
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(targetUser, and(eq(auditLog.targetType, "user"), eq(sql`${targetUser.id}::text`, auditLog.targetId)))
    .leftJoin(nodes, and(eq(auditLog.targetType, "node"), eq(sql`${nodes.id}::text`, auditLog.targetId)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(params.pageSize + 1);
  const hasMore = rows.length > params.pageSize;
  const page =
    grants === "all"
      ? rows.slice(0, params.pageSize)
      : await redactOutsideScope(db, actor, rows.slice(0, params.pageSize));
  const items = page.map(({ targetNodeName, ...stored }) => {
    const row = { ...stored, before: readable(stored.before), after: readable(stored.after) };
    // An organisation by its name now, or by the name it had when deleted.
    const targetName = row.targetType === "node" ? (targetNodeName ?? nameIn(row.before) ?? nameIn(row.after)) : null;
    // A deleted user's address survives in the entry's own "before" snapshot, until it is erased.
    const targetEmail = row.targetEmail ?? emailIn(row.before) ?? emailIn(row.after);
    return {
      ...row,
      targetName,
      targetEmail,
      // Who and whom, in words: a deleted person by the pseudonym their id has become.
      actorLabel: row.actorEmail ?? (row.actorId ? deletedPerson(row.actorId) : "System"),
      targetLabel:
        targetEmail ?? targetName ?? (row.targetType === "user" && row.targetId ? deletedPerson(row.targetId) : null),
      ip: row.ip?.startsWith("erased:") ? erasedValue : row.ip,
      changes: changedFields(row.before, row.after),
    };
  });
  return { items, nextBefore: hasMore ? (items.at(-1)?.id ?? null) : null };
}

/** How a value erased with its owner reads. */
export const erasedValue = "(erased)";
const deletedPerson = (id: string) => `Deleted person ${id.slice(0, 8)}`;

/** A value erased from an entry ({"erased": its digest}) reads as erasedValue. */
function readable(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === "erased" && typeof entries[0]![1] === "string") return erasedValue;
  return Object.fromEntries(entries.map(([key, v]) => [key, readable(v)]));
}

/** What an entry's values say about a node or person outside the viewer's scope reads as this. */
export const redacted = "(outside your scope)";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Redacts, in the entries' before/after values, every id that names a node or a person outside the
 * viewer's scope, and the name recorded beside it ("groupId" and "group"): the entry stays (what
 * happened, when, to whom in scope), the other tenant's details do not travel.
 */
async function redactOutsideScope<Row extends { before: unknown; after: unknown }>(
  db: DbOrTx,
  actor: Actor,
  rows: Row[],
): Promise<Row[]> {
  const ids = new Set<string>();
  for (const row of rows)
    for (const value of [row.before, row.after]) for (const [, id] of idFields(value)) ids.add(id);
  if (ids.size === 0) return rows;
  const list = [...ids];
  const [knownNodes, knownUsers, visibleNodes, visibleUsers] = await Promise.all([
    db.select({ id: nodes.id }).from(nodes).where(inArray(nodes.id, list)),
    db.select({ id: users.id }).from(users).where(inArray(users.id, list)),
    db
      .select({ id: nodes.id })
      .from(nodes)
      .where(and(inArray(nodes.id, list), visibleNodesFilter(actor))),
    db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, list), or(eq(users.id, actor.userId), visibleUsersFilter(actor)))),
  ]);
  const visible = new Set([...visibleNodes, ...visibleUsers].map((r) => r.id));
  const known = new Set([...knownNodes, ...knownUsers].map((r) => r.id));
  // Other ids (an outbox row, a lock) name neither; a node or person deleted since is out of scope too.
  const hidden = (key: string, id: string) => !visible.has(id) && (known.has(id) || referenceKeys.has(key));
  const redact = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, id] of idFields(value)) {
      if (!hidden(key, id)) continue;
      out[key] = redacted;
      const nameKey = key.slice(0, -2);
      if (nameKey in out) out[nameKey] = redacted;
    }
    return out;
  };
  return rows.map((row) => ({ ...row, before: redact(row.before), after: redact(row.after) }));
}

const referenceKeys = new Set([
  "groupId",
  "nodeId",
  "parentId",
  "customerId",
  "marketId",
  "defaultGroupId",
  "userId",
  "managerId",
]);

/** The fields of an audit value that hold an id ("groupId": "…"), with the id. */
function idFields(value: unknown): [string, string][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).filter(
    (entry): entry is [string, string] =>
      entry[0].endsWith("Id") && typeof entry[1] === "string" && uuidPattern.test(entry[1]),
  );
}

function nameIn(value: unknown): string | null {
  return typeof value === "object" && value !== null && "name" in value && typeof value.name === "string"
    ? value.name
    : null;
}

function emailIn(value: unknown): string | null {
  return typeof value === "object" && value !== null && "email" in value && typeof value.email === "string"
    ? value.email
    : null;
}

/** The fields whose value differs between before and after, for a one-line summary. */
function changedFields(before: unknown, after: unknown): { field: string; from: unknown; to: unknown }[] {
  if (typeof before !== "object" || before === null || typeof after !== "object" || after === null) return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((field) => ({ field, from: b[field] ?? null, to: a[field] ?? null }));
}
