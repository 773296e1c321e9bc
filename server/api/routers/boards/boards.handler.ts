import { TRPCError } from "@trpc/server";
import {
  boardAccessList,
  boardHeading,
  createBoard,
  giveBoardToNode,
  giveBoardToUser,
  givableNodes,
  readableBoards,
  takeBoardBack,
} from "../../../boards/boards";
import { dismissReport } from "../../../boards/posts";
import { openReports } from "../../../boards/queries";
import { ownerNodeId } from "../../../organisation/browse";
import type { AuthedContext, BoardContext, HandlerOptions } from "../../trpc";
import type {
  boardIdInput,
  createBoardInput,
  dismissReportInput,
  giveToNodeInput,
  giveToUserInput,
  takeBackInput,
} from "./boards.schema";

/** The boards the person reads (member or moderator), with their unread threads. */
export const mineHandler = ({ ctx }: { ctx: AuthedContext }) => readableBoards(ctx.db, ctx.actor);

/** A new board at a node the admin administers, or at the top (owner admins): the resolver decides. */
export async function createHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof createBoardInput>) {
  const nodeId = input.nodeId ?? (await ownerNodeId(ctx.db));
  if (!nodeId) throw new TRPCError({ code: "NOT_FOUND", message: "No organisation yet." });
  await ctx.require("board.create", nodeId);
  return createBoard(ctx.db, ctx.audit, { ...input, nodeId });
}

/** The board's heading, and how the reader reaches it. */
export async function headingHandler({ ctx }: HandlerOptions<BoardContext, typeof boardIdInput>) {
  const heading = await boardHeading(ctx.db, ctx.target.boardId);
  if (!heading) throw new TRPCError({ code: "NOT_FOUND", message: "No such board." });
  return { ...heading, as: ctx.decision.as };
}

export const givableNodesHandler = ({ ctx }: HandlerOptions<BoardContext, typeof boardIdInput>) =>
  givableNodes(ctx.db, ctx.target.boardId);

export const accessHandler = ({ ctx }: HandlerOptions<BoardContext, typeof boardIdInput>) =>
  boardAccessList(ctx.db, ctx.target.boardId);

export async function giveToNodeHandler({ ctx, input }: HandlerOptions<BoardContext, typeof giveToNodeInput>) {
  await giveBoardToNode(ctx.db, ctx.audit, ctx.target.boardId, input.nodeId);
  return { ok: true as const };
}

/** To one person the moderator sees (the resolver), placed under the board's node (the domain). */
export async function giveToUserHandler({ ctx, input }: HandlerOptions<BoardContext, typeof giveToUserInput>) {
  await ctx.require("user.read", input.userId);
  await giveBoardToUser(ctx.db, ctx.audit, ctx.target.boardId, input.userId);
  return { ok: true as const };
}

export async function takeBackHandler({ ctx, input }: HandlerOptions<BoardContext, typeof takeBackInput>) {
  await takeBoardBack(ctx.db, ctx.audit, ctx.target.boardId, input.accessId);
  return { ok: true as const };
}

export const reportsHandler = ({ ctx }: HandlerOptions<BoardContext, typeof boardIdInput>) =>
  openReports(ctx.db, ctx.target.boardId);

export async function dismissReportHandler({ ctx, input }: HandlerOptions<BoardContext, typeof dismissReportInput>) {
  await dismissReport(ctx.db, ctx.audit, ctx.target.boardId, input.reportId);
  return { ok: true as const };
}
