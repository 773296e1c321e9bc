import { and, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { boardPostFiles, boardPosts, boardThreads } from "../db/schema";
import { inspectUpload } from "../content/document-files";
import type { FileStore } from "../content/file-store";
import { DomainError } from "../domain-error";
import { announce } from "./live";
import { editWindowMinutes } from "./posts";

/** Files a post may carry. */
export const filesPerPost = 5;

/**
 * The post its author may still add a file to, or the refusal: it exists on this board and is not
 * removed or hidden, it is theirs, within the edit window, with room for one more file. Asked
 * before an upload's body is read, and again, locked, when the file is written.
 */
export async function postTakingFiles(
  db: DbOrTx,
  authorId: string,
  boardId: string,
  postId: string,
  lock: "lock" | "read" = "read",
) {
  const query = db
    .select()
    .from(boardPosts)
    .where(and(eq(boardPosts.id, postId), eq(boardPosts.boardId, boardId)));
  const [post] = lock === "lock" ? await query.for("update") : await query;
  if (!post || post.removedAt) throw new DomainError("NOT_FOUND", "No such post.");
  if (post.authorId !== authorId) throw new DomainError("PRECONDITION_FAILED", "Only its author adds files to a post.");
  if (post.hiddenAt) throw new DomainError("PRECONDITION_FAILED", "A moderator hid this post: it takes no files.");
  if (Date.now() - post.createdAt.getTime() > editWindowMinutes * 60_000)
    throw new DomainError(
      "PRECONDITION_FAILED",
      `Files are added within ${editWindowMinutes} minutes of posting. Reply with the file instead.`,
    );
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from board_post_files where post_id = ${postId}`,
  );
  if (n >= filesPerPost)
    throw new DomainError("BAD_REQUEST", `A post carries at most ${filesPerPost} files. Reply with the others.`);
  return post;
}

/**
 * Its author adds a file to a post, while they may still edit it: checked like every upload (type
 * from its bytes, size capped), stored first under a key of ours, removed again if the row is not
 * written.
 */
export async function attachPostFile(
  db: Database,
  store: FileStore,
  authorId: string,
  boardId: string,
  postId: string,
  upload: { bytes: Uint8Array; name: string },
): Promise<{ id: string; name: string; type: string; size: number }> {
  const file = inspectUpload(`boards/${boardId}`, upload);
  await store.put(file.key, upload.bytes, file.type);
  try {
    return await db.transaction(async (tx) => {
      const post = await postTakingFiles(tx, authorId, boardId, postId, "lock");
      const [row] = await tx
        .insert(boardPostFiles)
        .values({ postId, key: file.key, name: file.name, type: file.type, size: file.size })
        .returning({ id: boardPostFiles.id });
      if (!row) throw new Error("file insert returned no row");
      await announce(tx, boardId, post.threadId);
      return { id: row.id, name: file.name, type: file.type, size: file.size };
    });
  } catch (error) {
    await store.remove(file.key);
    throw error;
  }
}

/**
 * A file of a post on the board, for a reader of the board: not of a removed post, nor of a
 * hidden post or a post in a hidden thread unless they moderate. Null otherwise.
 */
export async function postFile(
  db: DbOrTx,
  store: FileStore,
  boardId: string,
  fileId: string,
  as: "member" | "moderator",
): Promise<{ bytes: Uint8Array; name: string; type: string } | null> {
  const [row] = await db
    .select({
      key: boardPostFiles.key,
      name: boardPostFiles.name,
      type: boardPostFiles.type,
      hidden: sql<boolean>`${boardPosts.hiddenAt} is not null or ${boardThreads.hiddenAt} is not null`,
      removed: sql<boolean>`${boardPosts.removedAt} is not null`,
    })
    .from(boardPostFiles)
    .innerJoin(boardPosts, eq(boardPosts.id, boardPostFiles.postId))
    .innerJoin(boardThreads, eq(boardThreads.id, boardPosts.threadId))
    .where(and(eq(boardPostFiles.id, fileId), eq(boardPosts.boardId, boardId)));
  if (!row || row.removed || (row.hidden && as !== "moderator")) return null;
  const bytes = await store.get(row.key);
  return bytes ? { bytes, name: row.name, type: row.type } : null;
}
