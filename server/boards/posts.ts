import { and, eq, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { boardPosts, boardReactions, boardReads, boardReports, boardThreads } from "../db/schema";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/inbox";
import { can, loadActor, loadBoardTarget } from "../scope";
import { announce } from "./live";

/** How long after posting its author may still edit a post. */
export const editWindowMinutes = 30;
/** Replies on one page of a thread. */
export const threadPageSize = 50;

const threadLink = (boardId: string, threadId: string) => `/portal/boards/${boardId}/threads/${threadId}`;

/** People one post can mention into their bell: enough for a ward's shift, too few to spam a hospital. */
const mentionsPerPost = 10;

/**
 * How fast one person may post: a post every three seconds for a minute is no one typing, and with
 * at most ten mentions each, the bells it can ring stay bounded.
 */
export const postingLimits = { perMinute: 20, perHour: 200 };

/** Refuses a post by `authorId` beyond the posting limits (their posts on every board count). */
async function assertPostingPace(tx: DbOrTx, authorId: string): Promise<void> {
  const [pace] = await tx.execute<{ minute: number; hour: number }>(sql`
    select count(*) filter (where created_at > now() - interval '1 minute')::int as minute,
           count(*)::int as hour
    from ${boardPosts} where author_id = ${authorId} and created_at > now() - interval '1 hour'`);
  if ((pace?.minute ?? 0) >= postingLimits.perMinute)
    throw new DomainError("TOO_MANY_REQUESTS", "You are posting very fast: wait a minute, then post again.");
  if ((pace?.hour ?? 0) >= postingLimits.perHour)
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `You have posted ${postingLimits.perHour} times in the last hour: wait a while, then post again.`,
    );
}

async function markRead(tx: DbOrTx, userId: string, threadId: string) {
  await tx
    .insert(boardReads)
    .values({ userId, threadId, readAt: sql`now()` })
    .onConflictDoUpdate({ target: [boardReads.userId, boardReads.threadId], set: { readAt: sql`now()` } });
}

/**
 * The people among `userIds` who may read the board now, as the scope resolver decides: someone
 * taken out of the board's group, or suspended, is told nothing of it.
 */
async function readersAmong(tx: DbOrTx, boardId: string, userIds: string[]): Promise<string[]> {
  const readers: string[] = [];
  for (const userId of userIds) {
    const actor = await loadActor(tx, userId);
    const board = actor ? await loadBoardTarget(tx, boardId, userId) : null;
    if (actor && board && can(actor, "board.read", board).allowed) readers.push(userId);
  }
  return readers;
}

/**
 * The board's readers named in a post as `@First Last` (not its author): they are told in their
 * bell, that they were named and where, never the post's words (a moderator may hide or remove
 * them later; a bell keeps what it was told).
 */
async function notifyMentions(
  tx: DbOrTx,
  post: { id: string; boardId: string; threadId: string; authorId: string; body: string; title: string },
) {
  if (!post.body.includes("@")) return;
  const named = await tx.execute<{ id: string }>(sql`
    select u.id from users u
    where u.id <> ${post.authorId} and u.suspended_at is null
      and strpos(lower(${post.body}), lower('@' || u.first_name || ' ' || u.last_name)) > 0
    limit 200`);
  const mentioned = (
    await readersAmong(
      tx,
      post.boardId,
      named.map((m) => m.id),
    )
  ).slice(0, mentionsPerPost);
  await notify(tx, mentioned, {
    kind: "board_mention",
    title: `You were mentioned in "${post.title}"`,
    body: "Open the thread to read the post.",
    link: threadLink(post.boardId, post.threadId),
    sourceId: post.id,
  });
}

/** A member starts a thread: its title and its opening post, read by its author at once. */
export async function startThread(
  db: Database,
  authorId: string,
  boardId: string,
  input: { title: string; body: string },
): Promise<{ threadId: string; postId: string }> {
  return db.transaction(async (tx) => {
    await assertPostingPace(tx, authorId);
    const [thread] = await tx
      .insert(boardThreads)
      .values({ boardId, authorId, title: input.title })
      .returning({ id: boardThreads.id });
    if (!thread) throw new Error("thread insert returned no row");
    const [post] = await tx
      .insert(boardPosts)
      .values({ threadId: thread.id, boardId, authorId, body: input.body })
      .returning({ id: boardPosts.id });
    if (!post) throw new Error("post insert returned no row");
    await markRead(tx, authorId, thread.id);
    await notifyMentions(tx, {
      id: post.id,
      boardId,
      threadId: thread.id,
      authorId,
      body: input.body,
      title: input.title,
    });
    await announce(tx, boardId, thread.id);
    return { threadId: thread.id, postId: post.id };
  });
}

/**
 * A reply. Refused on a locked or hidden thread (unless a moderator answers). The thread's author
 * is told in their bell, once per reply; mentioned members too.
 */
export async function reply(
  db: Database,
  authorId: string,
  boardId: string,
  input: { threadId: string; body: string },
  as: "member" | "moderator",
): Promise<{ postId: string }> {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select()
      .from(boardThreads)
      .where(and(eq(boardThreads.id, input.threadId), eq(boardThreads.boardId, boardId)))
      .for("update");
    if (!thread || (thread.hiddenAt && as !== "moderator")) throw new DomainError("NOT_FOUND", "No such thread.");
    if (thread.locked && as !== "moderator")
      throw new DomainError("PRECONDITION_FAILED", "This thread is locked: a moderator closed it for replies.");
    await assertPostingPace(tx, authorId);
    const [post] = await tx
      .insert(boardPosts)
      .values({ threadId: thread.id, boardId, authorId, body: input.body })
      .returning({ id: boardPosts.id });
    if (!post) throw new Error("post insert returned no row");
    await tx
      .update(boardThreads)
      .set({ replies: sql`${boardThreads.replies} + 1`, lastPostAt: sql`now()` })
      .where(eq(boardThreads.id, thread.id));
    await markRead(tx, authorId, thread.id);
    const toldOfReply =
      thread.authorId && thread.authorId !== authorId ? await readersAmong(tx, boardId, [thread.authorId]) : [];
    if (toldOfReply.length > 0)
      await notify(tx, toldOfReply, {
        kind: "board_reply",
        title: `A reply to "${thread.title}"`,
        body: "Open the thread to read it.",
        link: threadLink(boardId, thread.id),
        sourceId: post.id,
      });
    await notifyMentions(tx, {
      id: post.id,
      boardId,
      threadId: thread.id,
      authorId,
      body: input.body,
      title: thread.title,
    });
    await announce(tx, boardId, thread.id);
    return { postId: post.id };
  });
}

/** Its author edits a post within the edit window; after it, or a hidden or removed post, no more. */
export async function editPost(db: Database, authorId: string, boardId: string, postId: string, body: string) {
  await db.transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(boardPosts)
      .where(and(eq(boardPosts.id, postId), eq(boardPosts.boardId, boardId)))
      .for("update");
    if (!post || post.removedAt) throw new DomainError("NOT_FOUND", "No such post.");
    if (post.authorId !== authorId) throw new DomainError("PRECONDITION_FAILED", "Only its author edits a post.");
    if (post.hiddenAt) throw new DomainError("PRECONDITION_FAILED", "A moderator hid this post: it cannot be edited.");
    if (Date.now() - post.createdAt.getTime() > editWindowMinutes * 60_000)
      throw new DomainError(
        "PRECONDITION_FAILED",
        `A post can be edited for ${editWindowMinutes} minutes after it was posted. Reply with the correction instead.`,
      );
    await tx.update(boardPosts).set({ body, editedAt: new Date() }).where(eq(boardPosts.id, postId));
    await announce(tx, boardId, post.threadId);
  });
}

/** "Helpful", given or taken back by a member (one per person and post). */
export async function setHelpful(db: Database, userId: string, boardId: string, postId: string, helpful: boolean) {
  const [post] = await db
    .select({ id: boardPosts.id, threadId: boardPosts.threadId })
    .from(boardPosts)
    .where(and(eq(boardPosts.id, postId), eq(boardPosts.boardId, boardId)));
  if (!post) throw new DomainError("NOT_FOUND", "No such post.");
  await db.transaction(async (tx) => {
    if (helpful) await tx.insert(boardReactions).values({ postId, userId }).onConflictDoNothing();
    else
      await tx.delete(boardReactions).where(and(eq(boardReactions.postId, postId), eq(boardReactions.userId, userId)));
    await announce(tx, boardId, post.threadId);
  });
}

/** A moderator pins or locks a thread, or hides it (with the reason) or shows it again. */
export async function moderateThread(
  db: Database,
  context: AuditContext,
  boardId: string,
  threadId: string,
  change: { pinned?: boolean; locked?: boolean; hidden?: { reason: string } | null },
) {
  await db.transaction(async (tx) => {
    const [thread] = await tx
      .select()
      .from(boardThreads)
      .where(and(eq(boardThreads.id, threadId), eq(boardThreads.boardId, boardId)))
      .for("update");
    if (!thread) throw new DomainError("NOT_FOUND", "No such thread.");
    await tx
      .update(boardThreads)
      .set({
        ...(change.pinned !== undefined ? { pinned: change.pinned } : {}),
        ...(change.locked !== undefined ? { locked: change.locked } : {}),
        ...(change.hidden !== undefined
          ? {
              hiddenAt: change.hidden ? new Date() : null,
              hiddenBy: change.hidden ? context.actorId : null,
              hiddenReason: change.hidden?.reason ?? null,
            }
          : {}),
      })
      .where(eq(boardThreads.id, threadId));
    await recordAudit(tx, context, {
      action: "board.thread_moderated",
      targetType: "board",
      targetId: boardId,
      before: { threadId, pinned: thread.pinned, locked: thread.locked, hidden: thread.hiddenAt !== null },
      after: { threadId, ...change },
    });
    await announce(tx, boardId, threadId);
  });
}

/**
 * A moderator hides a post (kept, shown to moderators with the reason), shows it again, or removes
 * it (its words erased for good; the entry, its author and the reason stay). Its open reports are
 * dealt with by it. Recorded in the audit log.
 */
export async function moderatePost(
  db: Database,
  context: AuditContext,
  boardId: string,
  postId: string,
  change: { action: "hide" | "show" | "remove"; reason: string },
) {
  await db.transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(boardPosts)
      .where(and(eq(boardPosts.id, postId), eq(boardPosts.boardId, boardId)))
      .for("update");
    if (!post || post.removedAt) throw new DomainError("NOT_FOUND", "No such post.");
    const now = new Date();
    await tx
      .update(boardPosts)
      .set(
        change.action === "show"
          ? { hiddenAt: null, hiddenBy: null, hiddenReason: null }
          : change.action === "hide"
            ? { hiddenAt: now, hiddenBy: context.actorId, hiddenReason: change.reason }
            : { removedAt: now, hiddenAt: now, hiddenBy: context.actorId, hiddenReason: change.reason, body: "" },
      )
      .where(eq(boardPosts.id, postId));
    if (change.action !== "show")
      await tx
        .update(boardReports)
        .set({ resolvedAt: now, resolvedBy: context.actorId })
        .where(and(eq(boardReports.postId, postId), sql`${boardReports.resolvedAt} is null`));
    await recordAudit(tx, context, {
      action: `board.post_${change.action === "show" ? "shown" : change.action === "hide" ? "hidden" : "removed"}`,
      targetType: "board",
      targetId: boardId,
      after: { postId, authorId: post.authorId, reason: change.reason },
    });
    await announce(tx, boardId, post.threadId);
  });
}

/** A member reports a post to the board's moderators (once per person and post); they are told. */
export async function reportPost(db: Database, reporterId: string, boardId: string, postId: string, reason: string) {
  await db.transaction(async (tx) => {
    const [post] = await tx
      .select({ id: boardPosts.id, threadId: boardPosts.threadId })
      .from(boardPosts)
      .where(and(eq(boardPosts.id, postId), eq(boardPosts.boardId, boardId), sql`${boardPosts.removedAt} is null`));
    if (!post) throw new DomainError("NOT_FOUND", "No such post.");
    const [report] = await tx
      .insert(boardReports)
      .values({ postId, boardId, reporterId, reason })
      .onConflictDoNothing()
      .returning({ id: boardReports.id });
    if (!report) return;
    const moderators = await tx.execute<{ id: string }>(sql`
      select distinct r.user_id as id from role_assignments r
      join nodes n on n.id = r.node_id
      join users u on u.id = r.user_id and u.suspended_at is null
      where (select owner_node.path from boards b join nodes owner_node on owner_node.id = b.owner_node_id where b.id = ${boardId})
        like n.path || '%'`);
    await notify(
      tx,
      moderators.map((m) => m.id),
      {
        kind: "board_report",
        title: "A post was reported to the moderators",
        body: reason.slice(0, 200),
        link: `/dashboard/boards/${boardId}`,
        sourceId: report.id,
      },
    );
  });
}

/** A moderator closes a report without acting on the post. */
export async function dismissReport(db: Database, context: AuditContext, boardId: string, reportId: string) {
  await db.transaction(async (tx) => {
    const [closed] = await tx
      .update(boardReports)
      .set({ resolvedAt: new Date(), resolvedBy: context.actorId })
      .where(
        and(eq(boardReports.id, reportId), eq(boardReports.boardId, boardId), sql`${boardReports.resolvedAt} is null`),
      )
      .returning({ postId: boardReports.postId });
    if (!closed) throw new DomainError("NOT_FOUND", "No such open report.");
    await recordAudit(tx, context, {
      action: "board.report_dismissed",
      targetType: "board",
      targetId: boardId,
      after: { reportId, postId: closed.postId },
    });
  });
}

/** Marks a thread read up to now for the person (opening it does). */
export async function markThreadRead(db: Database, userId: string, boardId: string, threadId: string) {
  const [thread] = await db
    .select({ id: boardThreads.id })
    .from(boardThreads)
    .where(and(eq(boardThreads.id, threadId), eq(boardThreads.boardId, boardId)));
  if (!thread) throw new DomainError("NOT_FOUND", "No such thread.");
  await markRead(db, userId, threadId);
}
