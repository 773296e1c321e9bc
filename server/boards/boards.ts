import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { boardAccess, boards, nodes } from "../db/schema";
import { DomainError } from "../domain-error";
import { visibleNodesFilter, type Actor } from "../scope";

/** An admin creates a board at a node they administer: its admins (and those above) moderate it. */
export async function createBoard(
  db: Database,
  context: AuditContext,
  input: { nodeId: string; name: string; description: string },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [board] = await tx
      .insert(boards)
      .values({
        name: input.name,
        description: input.description,
        ownerNodeId: input.nodeId,
        createdBy: context.actorId,
      })
      .returning({ id: boards.id });
    if (!board) throw new Error("board insert returned no row");
    await recordAudit(tx, context, {
      action: "board.created",
      targetType: "board",
      targetId: board.id,
      after: { name: input.name, nodeId: input.nodeId },
    });
    return board;
  });
}

/**
 * Gives a board to a node: the node it was created at (everyone under it) or one of its children,
 * one level down the tree as content is passed on. Giving twice changes nothing.
 */
export async function giveBoardToNode(
  db: Database,
  context: AuditContext,
  boardId: string,
  nodeId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [board] = await tx.select().from(boards).where(eq(boards.id, boardId)).for("update");
    if (!board) throw new DomainError("NOT_FOUND", "No such board.");
    const [node] = await tx
      .select({ id: nodes.id, parentId: nodes.parentId, archivedAt: nodes.archivedAt })
      .from(nodes)
      .where(eq(nodes.id, nodeId));
    if (!node || node.archivedAt) throw new DomainError("NOT_FOUND", "No such part of the organisation.");
    if (node.id !== board.ownerNodeId && node.parentId !== board.ownerNodeId)
      throw new DomainError(
        "BAD_REQUEST",
        "A board is given to the part of the organisation it was created in, or to one just below it.",
      );
    await addAccess(tx, context, boardId, { nodeId });
  });
}

/** Records one access to a board, with its audit entry; giving it twice changes nothing. */
async function addAccess(
  tx: DbOrTx,
  context: AuditContext,
  boardId: string,
  to: { nodeId: string } | { userId: string },
): Promise<void> {
  const added = await tx
    .insert(boardAccess)
    .values({ boardId, ...to, givenBy: context.actorId })
    .onConflictDoNothing()
    .returning({ id: boardAccess.id });
  if (added.length)
    await recordAudit(tx, context, { action: "board.given", targetType: "board", targetId: boardId, after: to });
}

/** Gives a board to one person (the router asked the resolver about them first). */
export async function giveBoardToUser(
  db: Database,
  context: AuditContext,
  boardId: string,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Placed under the node the board belongs to (anyone, for a board of the whole organisation).
    const [placed] = await tx.execute<{ ok: boolean }>(sql`
      select true as ok from boards b join nodes n on n.id = b.owner_node_id
      where b.id = ${boardId} and (n.kind = 'owner'
        or exists (select 1 from user_scopes s where s.user_id = ${userId} and s.node_id = n.id))`);
    if (!placed)
      throw new DomainError("BAD_REQUEST", "This person is not in the part of the organisation the board belongs to.");
    await addAccess(tx, context, boardId, { userId });
  });
}

/** Takes a board back from a node or a person: their posts stay, attributed; the access goes at once. */
export async function takeBoardBack(db: Database, context: AuditContext, boardId: string, accessId: string) {
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(boardAccess)
      .where(and(eq(boardAccess.id, accessId), eq(boardAccess.boardId, boardId)))
      .returning({ nodeId: boardAccess.nodeId, userId: boardAccess.userId });
    if (!removed) throw new DomainError("NOT_FOUND", "No such access to this board.");
    await recordAudit(tx, context, {
      action: "board.taken_back",
      targetType: "board",
      targetId: boardId,
      before: removed,
    });
  });
}

/** Who has the board: nodes (with their kind) and people. */
export async function boardAccessList(db: DbOrTx, boardId: string) {
  return db.execute<{ id: string; nodeId: string | null; userId: string | null; name: string; kind: string }>(sql`
    select a.id, a.node_id as "nodeId", a.user_id as "userId",
      coalesce(n.name, u.first_name || ' ' || u.last_name) as name, coalesce(n.kind::text, 'person') as kind
    from board_access a
    left join nodes n on n.id = a.node_id
    left join users u on u.id = a.user_id
    where a.board_id = ${boardId}
    order by kind, name`);
}

/**
 * The SQL condition on a board (alias `b`) that holds when `userId` is a member: given to them, to
 * the whole installation (the owner node), or to a node on the path of one of their placements.
 */
export const memberOfBoard = (userId: string) => sql`exists (
  select 1 from board_access a where a.board_id = b.id and (a.user_id = ${userId}
    or a.node_id in (select node_id from user_scopes where user_id = ${userId})
    or a.node_id = (select id from nodes where kind = 'owner')))`;

/**
 * The boards a person reads: those they are a member of and those they moderate (created in the
 * part of the tree they administer), each with its threads not yet read.
 */
export async function readableBoards(db: DbOrTx, actor: Actor) {
  const moderated = actor.awaitsTwoFactor ? sql`false` : visibleNodesFilter(actor, "group_admin", sql`owner_node.path`);
  return db.execute<{
    id: string;
    name: string;
    description: string;
    ownerName: string;
    moderator: boolean;
    threads: number;
    unread: number;
  }>(sql`
    select b.id, b.name, b.description, owner_node.name as "ownerName", (${moderated}) as moderator,
      (select count(*)::int from board_threads t where t.board_id = b.id and t.hidden_at is null) as threads,
      (select count(*)::int from board_threads t
        left join board_reads r on r.thread_id = t.id and r.user_id = ${actor.userId}
        where t.board_id = b.id and t.hidden_at is null and t.last_post_at > coalesce(r.read_at, '-infinity')) as unread
    from boards b join nodes owner_node on owner_node.id = b.owner_node_id
    where b.archived_at is null and (${memberOfBoard(actor.userId)} or ${moderated})
    order by b.name`);
}

/** One board's heading. */
export async function boardHeading(db: DbOrTx, boardId: string) {
  const [board] = await db
    .select({ id: boards.id, name: boards.name, description: boards.description, ownerName: nodes.name })
    .from(boards)
    .innerJoin(nodes, eq(nodes.id, boards.ownerNodeId))
    .where(and(eq(boards.id, boardId), isNull(boards.archivedAt)));
  return board ?? null;
}

/** Where a board can be given: the node it was created at and those just below it. */
export async function givableNodes(db: DbOrTx, boardId: string) {
  return db.execute<{ id: string; name: string; kind: string; own: boolean }>(sql`
    select n.id, n.name, n.kind::text as kind, n.id = b.owner_node_id as own
    from boards b join nodes n on (n.id = b.owner_node_id or n.parent_id = b.owner_node_id)
    where b.id = ${boardId} and n.archived_at is null
    order by own desc, n.name
    limit 500`);
}
