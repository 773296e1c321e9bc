import { and, desc, eq, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client";
import { auditLog, nodes, userScopes, users } from "../db/schema";
import { administeredGrants, type Actor } from "../scope";

/**
 * The audit entries the actor may read: all for an owner admin; otherwise their own actions and
 * those about users and organisations now inside their scope. Newest first, keyset-paged by id.
 */
export async function listAudit(db: DbOrTx, actor: Actor, params: { pageSize: number; before?: number | undefined }) {
  const grants = administeredGrants(actor);
  const conditions: SQL[] = [];
  if (grants !== "all") {
    const visibleTargets =
      grants.length === 0
        ? sql`false`
        : or(
            and(
              eq(auditLog.targetType, "user"),
              inArray(auditLog.targetId, sql`(select ${userScopes.userId}::text from ${userScopes} where ${inArray(userScopes.nodeId, grants.map((g) => g.nodeId))})`),
            ),
            // Organisations still in their subtrees (a deleted one is gone from the tree: the owner's to read).
            and(
              eq(auditLog.targetType, "node"),
              inArray(auditLog.targetId, sql`(select ${nodes.id}::text from ${nodes} where ${or(...grants.map((g) => like(nodes.path, `${g.nodePath}%`)))})`),
            ),
          )!;
    conditions.push(or(eq(auditLog.actorId, actor.userId), visibleTargets)!);
  }
  if (params.before) conditions.push(lt(auditLog.id, params.before));
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
      actorEmail: actorUser.email,
      targetEmail: targetUser.email,
      targetNodeName: nodes.name,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(targetUser, and(eq(auditLog.targetType, "user"), eq(sql`${targetUser.id}::text`, auditLog.targetId)))
    .leftJoin(nodes, and(eq(auditLog.targetType, "node"), eq(sql`${nodes.id}::text`, auditLog.targetId)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(params.pageSize + 1);
  const hasMore = rows.length > params.pageSize;
  const items = rows.slice(0, params.pageSize).map(({ targetNodeName, ...row }) => ({
    ...row,
    // An organisation by its name now, or by the name it had when deleted.
    targetName: row.targetType === "node" ? (targetNodeName ?? nameIn(row.before) ?? nameIn(row.after)) : null,
    // A deleted user's address survives in the entry's own "before" snapshot.
    targetEmail: row.targetEmail ?? emailIn(row.before) ?? emailIn(row.after),
    changes: changedFields(row.before, row.after),
  }));
  return { items, nextBefore: hasMore ? (items.at(-1)?.id ?? null) : null };
}

function nameIn(value: unknown): string | null {
  return typeof value === "object" && value !== null && "name" in value && typeof value.name === "string" ? value.name : null;
}

function emailIn(value: unknown): string | null {
  return typeof value === "object" && value !== null && "email" in value && typeof value.email === "string" ? value.email : null;
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
