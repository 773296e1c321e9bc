import { z } from "zod";

const boardId = z.uuid({ error: "No such board." });
const threadId = z.uuid({ error: "No such thread." });
const postId = z.uuid({ error: "No such post." });
const text = (max: number, empty: string, long: string) => z.string().trim().min(1, empty).max(max, long);
const body = text(20_000, "Write something first.", "Keep a post under 20,000 characters.");
const reason = text(1_000, "Say why, for the record.", "Keep the reason under 1,000 characters.");

/** A new board, at a node the admin administers (none: the whole organisation, owner admins only). */
export const createBoardInput = z
  .object({
    nodeId: z.uuid({ error: "Choose where the board belongs." }).nullable(),
    name: text(100, "Name the board.", "Keep the name under 100 characters."),
    description: z.string().trim().max(1_000, "Keep the description under 1,000 characters."),
  })
  .strict();

export const boardIdInput = z.object({ boardId });
export const giveToNodeInput = z.object({ boardId, nodeId: z.uuid({ error: "Choose a part of the organisation." }) });
export const giveToUserInput = z.object({ boardId, userId: z.uuid({ error: "Choose a person." }) });
export const takeBackInput = z.object({ boardId, accessId: z.uuid({ error: "No such access." }) });

export const threadsInput = z.object({
  boardId,
  page: z.number().int().min(1).max(10_000).default(1),
  search: z.string().trim().max(200, "Keep the search under 200 characters.").optional(),
});
export const threadInput = z.object({ boardId, threadId, page: z.number().int().min(1).max(10_000).default(1) });
export const threadIdInput = z.object({ boardId, threadId });

export const startThreadInput = z
  .object({ boardId, title: text(200, "Give the thread a title.", "Keep the title under 200 characters."), body })
  .strict();
export const replyInput = z.object({ boardId, threadId, body }).strict();
export const editPostInput = z.object({ boardId, postId, body }).strict();
export const helpfulInput = z.object({ boardId, postId, helpful: z.boolean() });
export const reportPostInput = z.object({ boardId, postId, reason });

export const moderateThreadInput = z.object({
  boardId,
  threadId,
  pinned: z.boolean().optional(),
  locked: z.boolean().optional(),
  hidden: z.object({ reason }).nullable().optional(),
});
export const moderatePostInput = z.object({ boardId, postId, action: z.enum(["hide", "show", "remove"]), reason });
export const dismissReportInput = z.object({ boardId, reportId: z.uuid({ error: "No such report." }) });

/** A file on a post, as its route handler read it (the body was capped while it streamed in). */
export const attachPostFileInput = z.object({
  boardId,
  postId,
  name: z.string().max(1_000),
  bytes: z.instanceof(Uint8Array, { message: "Choose a file to upload." }),
});
/** The post a file is for, asked about before the upload's body is read. */
export const postFileTargetInput = z.object({ boardId, postId });
export const postFileInput = z.object({ boardId, fileId: z.uuid({ error: "No such file." }) });
