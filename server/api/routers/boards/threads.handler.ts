import { TRPCError } from "@trpc/server";
import { threadChanges } from "../../../boards/live";
import {
  editPost,
  markThreadRead,
  moderatePost,
  moderateThread,
  reply,
  reportPost,
  setHelpful,
  startThread,
} from "../../../boards/posts";
import { boardThreads, threadPage, threadStillVisible, threadVisible } from "../../../boards/queries";
import { sessionStillOpen } from "../../../auth/session";
import type { BoardContext, HandlerOptions } from "../../trpc";
import type {
  editPostInput,
  helpfulInput,
  moderatePostInput,
  moderateThreadInput,
  replyInput,
  reportPostInput,
  startThreadInput,
  threadIdInput,
  threadInput,
  threadsInput,
} from "./boards.schema";

const reader = (ctx: BoardContext) => ({ userId: ctx.actor.userId, as: ctx.decision.as });

export const threadsHandler = ({ ctx, input }: HandlerOptions<BoardContext, typeof threadsInput>) =>
  boardThreads(ctx.db, ctx.target.boardId, reader(ctx), input);

export async function threadHandler({ ctx, input }: HandlerOptions<BoardContext, typeof threadInput>) {
  const thread = await threadPage(ctx.db, ctx.target.boardId, input.threadId, reader(ctx), input.page);
  if (!thread) throw new TRPCError({ code: "NOT_FOUND", message: "No such thread." });
  return { ...thread, as: ctx.decision.as, me: ctx.actor.userId };
}

export const startThreadHandler = ({ ctx, input }: HandlerOptions<BoardContext, typeof startThreadInput>) =>
  startThread(ctx.db, ctx.actor.userId, ctx.target.boardId, input);

export const replyHandler = ({ ctx, input }: HandlerOptions<BoardContext, typeof replyInput>) =>
  reply(ctx.db, ctx.actor.userId, ctx.target.boardId, input, ctx.decision.as);

export async function editHandler({ ctx, input }: HandlerOptions<BoardContext, typeof editPostInput>) {
  await editPost(ctx.db, ctx.actor.userId, ctx.target.boardId, input.postId, input.body);
  return { ok: true as const };
}

export async function helpfulHandler({ ctx, input }: HandlerOptions<BoardContext, typeof helpfulInput>) {
  await setHelpful(ctx.db, ctx.actor.userId, ctx.target.boardId, input.postId, input.helpful);
  return { ok: true as const };
}

export async function reportHandler({ ctx, input }: HandlerOptions<BoardContext, typeof reportPostInput>) {
  await reportPost(ctx.db, ctx.actor.userId, ctx.target.boardId, input.postId, input.reason);
  return { ok: true as const };
}

export async function markReadHandler({ ctx, input }: HandlerOptions<BoardContext, typeof threadIdInput>) {
  await markThreadRead(ctx.db, ctx.actor.userId, ctx.target.boardId, input.threadId);
  return { ok: true as const };
}

export async function moderateThreadHandler({ ctx, input }: HandlerOptions<BoardContext, typeof moderateThreadInput>) {
  const { boardId: _board, threadId, ...change } = input;
  await moderateThread(ctx.db, ctx.audit, ctx.target.boardId, threadId, change);
  return { ok: true as const };
}

export async function moderatePostHandler({ ctx, input }: HandlerOptions<BoardContext, typeof moderatePostInput>) {
  await moderatePost(ctx.db, ctx.audit, ctx.target.boardId, input.postId, input);
  return { ok: true as const };
}

/**
 * Tells an open thread page of each change to the thread, as it is committed through any app
 * instance (server-sent events). Each change re-asks whether the reader still reads the board: one
 * taken out of its group hears nothing more.
 */
export async function* threadEventsHandler({
  ctx,
  input,
  signal,
}: HandlerOptions<BoardContext, typeof threadIdInput> & { signal: AbortSignal | undefined }) {
  // Only a thread of this board that the reader sees: never one of another board named beside it.
  if (!(await threadVisible(ctx.db, ctx.target.boardId, input.threadId, ctx.decision.as)))
    throw new TRPCError({ code: "NOT_FOUND", message: "No such thread." });
  for await (const change of threadChanges(ctx.db, input.threadId, signal)) {
    // Each event is a new decision, from the present: the session still open, and the reader
    // still reaching the thread. Otherwise the stream ends.
    if (ctx.sessionId && !(await sessionStillOpen(ctx.db, ctx.sessionId))) return;
    if (!(await threadStillVisible(ctx.db, ctx.actor.userId, ctx.target.boardId, input.threadId))) return;
    yield change;
  }
}
