import { TRPCError } from "@trpc/server";
import { attachPostFile, postFile, postTakingFiles } from "../../../boards/files";
import { documentStore } from "../../../content/file-store";
import type { BoardContext, HandlerOptions } from "../../trpc";
import type { attachPostFileInput, postFileInput, postFileTargetInput } from "./boards.schema";

/** Before an upload's body is read: the uploader may add a file to this post now. */
export async function mayAttachPostFileHandler({
  ctx,
  input,
}: HandlerOptions<BoardContext, typeof postFileTargetInput>) {
  await postTakingFiles(ctx.db, ctx.actor.userId, ctx.target.boardId, input.postId);
  return { uploaderId: ctx.actor.userId };
}

/** Adds a file to one's own post (its route handler read the body up to the cap). */
export const attachPostFileHandler = ({ ctx, input }: HandlerOptions<BoardContext, typeof attachPostFileInput>) =>
  attachPostFile(ctx.db, documentStore(), ctx.actor.userId, ctx.target.boardId, input.postId, {
    bytes: input.bytes,
    name: input.name,
  });

/** A file of a post on the board, for its readers (a hidden post's for moderators only). */
export async function postFileHandler({ ctx, input }: HandlerOptions<BoardContext, typeof postFileInput>) {
  const file = await postFile(ctx.db, documentStore(), ctx.target.boardId, input.fileId, ctx.decision.as);
  if (!file) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  return file;
}
