import { and, eq, sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { contentAssignments, contentItems, nodes, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { enqueue } from "../jobs/enqueue";
import { sessionInvitationsJob } from "../../workers/session-invitations";
import { notify } from "../notifications/inbox";
import { inviteToSessionInTx } from "./sessions";

const kindOf = (tx: DbOrTx, itemId: string) =>
  tx
    .select({ kind: contentItems.kind })
    .from(contentItems)
    .where(eq(contentItems.id, itemId))
    .then((rows) => rows[0]?.kind);

async function requireItem(tx: DbOrTx, itemId: string) {
  const [item] = await tx
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(eq(contentItems.id, itemId))
    .for("update");
  if (!item) throw new DomainError("NOT_FOUND", "No such content.");
}

const hasAt = (tx: DbOrTx, itemId: string, nodeId: string) =>
  tx
    .select({ id: contentAssignments.id })
    .from(contentAssignments)
    .where(and(eq(contentAssignments.itemId, itemId), eq(contentAssignments.nodeId, nodeId)))
    .then((rows) => rows.length > 0);

/**
 * Gives an item to a node. `root`: an owner admin gives it (it needs nothing above). Anyone else
 * passes on what the node above has: the target's parent must have the item.
 */
export async function assignToNode(
  db: Database,
  context: AuditContext,
  input: { itemId: string; nodeId: string; root: boolean },
): Promise<{ who: string }> {
  return db.transaction(async (tx) => {
    await requireItem(tx, input.itemId);
    const [node] = await tx
      .select({ name: nodes.name, parentId: nodes.parentId, kind: nodes.kind })
      .from(nodes)
      .where(eq(nodes.id, input.nodeId));
    if (!node) throw new DomainError("NOT_FOUND", "No such organisation in your scope.");
    if (node.kind === "owner")
      throw new DomainError("BAD_REQUEST", "Give it to a market, customer, internal organisation or group.");
    if (!input.root) {
      const [parent] = node.parentId
        ? await tx.select({ name: nodes.name }).from(nodes).where(eq(nodes.id, node.parentId))
        : [];
      if (!node.parentId || !(await hasAt(tx, input.itemId, node.parentId))) {
        throw new DomainError(
          "PRECONDITION_FAILED",
          `${parent?.name ?? "The organisation above"} does not have this to pass on to ${node.name}.`,
        );
      }
    }
    await tx
      .insert(contentAssignments)
      .values({ itemId: input.itemId, nodeId: input.nodeId, root: input.root, assignedBy: context.actorId })
      .onConflictDoUpdate({
        target: [contentAssignments.nodeId, contentAssignments.itemId],
        targetWhere: sql`${contentAssignments.nodeId} is not null`,
        set: { root: sql`${contentAssignments.root} or excluded.root` },
      });
    await recordAudit(tx, context, {
      action: "content.assigned",
      targetType: "content",
      targetId: input.itemId,
      after: { nodeId: input.nodeId, node: node.name },
    });
    // A teacher-led session given to a group invites its members, each once, in a job of its own.
    if (node.kind === "group" && (await kindOf(tx, input.itemId)) === "session")
      await enqueue(tx, sessionInvitationsJob, { itemId: input.itemId, nodeId: input.nodeId });
    // The node's own administrators learn what reached them, and can pass it on.
    const [titled] = await tx.execute<{ title: string }>(sql`
      select coalesce(pub.title, open.title) as title from content_items i
      left join content_versions pub on pub.item_id = i.id and pub.status = 'published'
      left join content_versions open on open.item_id = i.id and open.status in ('draft', 'approved')
      where i.id = ${input.itemId} limit 1`);
    const admins = await tx.execute<{ user_id: string }>(
      sql`select distinct user_id from role_assignments where node_id = ${input.nodeId} and user_id <> ${context.actorId}`,
    );
    await notify(
      tx,
      admins.map((a) => a.user_id),
      {
        kind: "content_given",
        title: `${titled?.title ?? "An item"} was given to ${node.name}`,
        body: "It is in your part of the organisation now: open it to pass it on to those below you.",
        link: `/dashboard/content/${input.itemId}`,
        sourceId: input.itemId,
      },
    );
    return { who: await whoSeesItThrough(tx, input.itemId, { id: input.nodeId, name: node.name, kind: node.kind }) };
  });
}

/**
 * After giving an item to a node, who sees it now, in one sentence: a group's members (once it is
 * published), or, above a group, nobody yet but the admins who pass it on.
 */
async function whoSeesItThrough(tx: DbOrTx, itemId: string, node: { id: string; name: string; kind: string }) {
  if (node.kind !== "group") {
    const below = node.kind === "market" ? "their customers" : "their groups";
    return `The admins of ${node.name} can now pass it on to ${below}; no product user sees it through this yet.`;
  }
  const [row] = await tx.execute<{ members: number; published: boolean }>(sql`
    select (select count(*)::int from memberships m join users u on u.id = m.user_id
            where m.node_id = ${node.id} and u.suspended_at is null) as members,
           exists (select 1 from content_versions where item_id = ${itemId} and status = 'published') as published`);
  const members = row?.members ?? 0;
  if (members === 0) return `${node.name} has no members yet: nobody sees it until someone joins.`;
  const people = members === 1 ? `The 1 member of ${node.name}` : `The ${members} members of ${node.name}`;
  return row?.published
    ? `${people} see${members === 1 ? "s" : ""} it now.`
    : `${people} will see it once it is published.`;
}

/** How many people see the item now (published, through one of their groups or given to them), among those `usersInScope` keeps. */
export async function audienceOf(db: DbOrTx, itemId: string, usersInScope: SQL): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from users
    where users.suspended_at is null and ${usersInScope}
      and exists (select 1 from content_versions v where v.item_id = ${itemId} and v.status = 'published')
      and (exists (select 1 from content_assignments a join memberships m on m.node_id = a.node_id
                   where a.item_id = ${itemId} and m.user_id = users.id)
           or exists (select 1 from content_assignments a where a.item_id = ${itemId} and a.user_id = users.id))`);
  return row?.n ?? 0;
}

/** Gives an item to one user; anyone but an owner admin passes on what the user's customer (the node above one of their groups) has. */
export async function assignToUser(
  db: Database,
  context: AuditContext,
  input: { itemId: string; userId: string; root: boolean; appUrl: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await requireItem(tx, input.itemId);
    if (!input.root) {
      const [supported] = await tx.execute(sql`
        select 1 from memberships m join nodes g on g.id = m.node_id
        join content_assignments p on p.node_id = g.parent_id and p.item_id = ${input.itemId}
        where m.user_id = ${input.userId} limit 1`);
      if (!supported)
        throw new DomainError("PRECONDITION_FAILED", "None of this person's organisations has this to pass on.");
    }
    await tx
      .insert(contentAssignments)
      .values({ itemId: input.itemId, userId: input.userId, root: input.root, assignedBy: context.actorId })
      .onConflictDoUpdate({
        target: [contentAssignments.userId, contentAssignments.itemId],
        targetWhere: sql`${contentAssignments.userId} is not null`,
        set: { root: sql`${contentAssignments.root} or excluded.root` },
      });
    await recordAudit(tx, context, {
      action: "content.assigned",
      targetType: "content",
      targetId: input.itemId,
      after: { userId: input.userId },
    });
    // Giving a published teacher-led session to a person invites them (once per version).
    await inviteToSessionInTx(tx, input.itemId, sql`select ${input.userId}::uuid`, input.appUrl);
  });
}

/**
 * Removes what was passed on from what is no longer there: assignments (not given by an owner
 * admin) at nodes whose parent lost the item, level by level, then single users' assignments that
 * none of their organisations supports now. Returns how many went.
 */
async function removeUnsupported(tx: DbOrTx, itemId: string): Promise<number> {
  let removed = 0;
  for (let level = 0; level < 8; level++) {
    const gone = await tx.execute(sql`
      delete from content_assignments a using nodes n
      where a.item_id = ${itemId} and not a.root and a.node_id = n.id
        and not exists (select 1 from content_assignments p where p.item_id = a.item_id and p.node_id = n.parent_id)
      returning a.id`);
    removed += gone.length;
    if (gone.length === 0) break;
  }
  const users = await tx.execute(sql`
    delete from content_assignments a
    where a.item_id = ${itemId} and not a.root and a.user_id is not null
      and not exists (select 1 from memberships m join nodes g on g.id = m.node_id
        join content_assignments p on p.node_id = g.parent_id and p.item_id = a.item_id where m.user_id = a.user_id)
    returning a.id`);
  return removed + users.length;
}

class ImpactOnly extends Error {
  constructor(readonly removed: number) {
    super("rolled back: impact only");
  }
}

/**
 * Takes an item away from a node or user, and from everything that was passed on from there.
 * With `dryRun`, only says how many assignments would go with it (for the confirmation).
 */
export async function removeAssignment(
  db: Database,
  context: AuditContext,
  assignmentId: string,
  options: { dryRun: boolean },
): Promise<{ alsoRemoved: number }> {
  try {
    return await db.transaction(async (tx) => {
      const [assignment] = await tx
        .delete(contentAssignments)
        .where(eq(contentAssignments.id, assignmentId))
        .returning();
      if (!assignment) throw new DomainError("NOT_FOUND", "This assignment is gone already.");
      const alsoRemoved = await removeUnsupported(tx, assignment.itemId);
      if (options.dryRun) throw new ImpactOnly(alsoRemoved);
      await recordAudit(tx, context, {
        action: "content.unassigned",
        targetType: "content",
        targetId: assignment.itemId,
        before: { nodeId: assignment.nodeId, userId: assignment.userId },
        after: { alsoRemoved },
      });
      return { alsoRemoved };
    });
  } catch (error) {
    if (error instanceof ImpactOnly) return { alsoRemoved: error.removed };
    throw error;
  }
}

/** Who has the item: each assignment with the node's path or the user's name (filtered to the actor's scope by the caller). */
export async function assignmentsOf(db: DbOrTx, itemId: string) {
  return db
    .select({
      id: contentAssignments.id,
      nodeId: contentAssignments.nodeId,
      userId: contentAssignments.userId,
      root: contentAssignments.root,
      nodeName: nodes.name,
      nodeKind: nodes.kind,
      nodePath: nodes.path,
      userName: sql<string | null>`nullif(trim(${users.firstName} || ' ' || ${users.lastName}), '')`,
      userEmail: users.email,
      createdAt: contentAssignments.createdAt,
    })
    .from(contentAssignments)
    .leftJoin(nodes, eq(nodes.id, contentAssignments.nodeId))
    .leftJoin(users, eq(users.id, contentAssignments.userId))
    .where(eq(contentAssignments.itemId, itemId))
    .orderBy(nodes.path);
}

export async function assignmentById(db: DbOrTx, assignmentId: string) {
  const [row] = await db.select().from(contentAssignments).where(eq(contentAssignments.id, assignmentId));
  return row ?? null;
}

/**
 * The items an admin may pass on: every item ("all", for an owner editor), or those given to a
 * node that `nodesInScope` (a condition on `nodes`) keeps. With the published title (or the draft's).
 */
export async function reachableContent(db: DbOrTx, nodesInScope: "all" | SQL) {
  const reached =
    nodesInScope === "all"
      ? sql`true`
      : sql`i.id in (select a.item_id from content_assignments a join nodes on nodes.id = a.node_id where ${nodesInScope})`;
  return db.execute<{
    id: string;
    kind: "product" | "course" | "session" | "document";
    title: string;
    published: boolean;
  }>(sql`
    select i.id, i.kind, coalesce(pub.title, open.title) as title, pub.id is not null as published
    from content_items i
    left join content_versions pub on pub.item_id = i.id and pub.status = 'published'
    left join content_versions open on open.item_id = i.id and open.status in ('draft', 'approved')
    where i.archived_at is null and ${reached}
    order by coalesce(pub.title, open.title)`);
}

/**
 * Whether the item has reached the nodes in scope (given to one of them), or, for its editors
 * ("all"), whether it exists at all.
 */
export async function itemReached(db: DbOrTx, nodesInScope: "all" | SQL, itemId: string): Promise<boolean> {
  const [row] =
    nodesInScope === "all"
      ? await db.execute(sql`select 1 from content_items where id = ${itemId}`)
      : await db.execute(sql`select 1 from content_assignments a join nodes on nodes.id = a.node_id
          where a.item_id = ${itemId} and ${nodesInScope} limit 1`);
  return row !== undefined;
}
