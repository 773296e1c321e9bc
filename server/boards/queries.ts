import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { can, loadActor, loadBoardTarget } from "../scope";
import { threadPageSize } from "./posts";

/** How the reader reaches the board: moderators also see what was hidden. */
type Reader = { userId: string; as: "member" | "moderator" };

const fullName = (alias: string) =>
  sql.raw(`coalesce(${alias}.first_name || ' ' || ${alias}.last_name, 'A former member')`);

/**
 * A board's threads, pinned first then by latest post, 30 a page, each with its replies and
 * whether the reader has read it since; a search finds threads by their title or any post's words
 * (PostgreSQL full-text search, in any language: the "simple" configuration).
 */
export async function boardThreads(
  db: DbOrTx,
  boardId: string,
  reader: Reader,
  input: { page: number; search?: string | undefined },
) {
  const pageSize = 30;
  const visible = reader.as === "moderator" ? sql`true` : sql`t.hidden_at is null`;
  const query = input.search?.trim() ? sql`websearch_to_tsquery('simple', ${input.search.trim()})` : null;
  const matches = query
    ? sql`(t.search @@ ${query} or exists (select 1 from board_posts p where p.thread_id = t.id
        and p.hidden_at is null and p.search @@ ${query}))`
    : sql`true`;
  const rows = await db.execute<{
    id: string;
    title: string;
    authorName: string;
    pinned: boolean;
    locked: boolean;
    hidden: boolean;
    replies: number;
    lastPostAt: string;
    unread: boolean;
  }>(sql`
    select t.id, t.title, ${fullName("u")} as "authorName", t.pinned, t.locked, t.hidden_at is not null as hidden,
      t.replies, t.last_post_at as "lastPostAt",
      t.last_post_at > coalesce((select r.read_at from board_reads r where r.thread_id = t.id and r.user_id = ${reader.userId}), '-infinity') as unread
    from board_threads t left join users u on u.id = t.author_id
    where t.board_id = ${boardId} and ${visible} and ${matches}
    order by t.pinned desc, t.last_post_at desc, t.id desc
    limit ${pageSize + 1} offset ${(input.page - 1) * pageSize}`);
  return { threads: rows.slice(0, pageSize), more: rows.length > pageSize, pageSize };
}

/** Whether the thread is on this board and the reader sees it (a hidden one: its moderators only). */
export async function threadVisible(db: DbOrTx, boardId: string, threadId: string, as: Reader["as"]): Promise<boolean> {
  const [thread] = await db.execute<{ hidden: boolean }>(sql`
    select hidden_at is not null as hidden from board_threads where id = ${threadId} and board_id = ${boardId}`);
  return thread !== undefined && (!thread.hidden || as === "moderator");
}

/**
 * One thread and a page of its posts, oldest first (the opening post first): each with its author,
 * its "helpful" count and the reader's own, its files; a hidden post shows its reason instead of
 * its words to members, a removed one only that it was removed.
 */
export async function threadPage(db: DbOrTx, boardId: string, threadId: string, reader: Reader, page: number) {
  const [thread] = await db.execute<{
    id: string;
    title: string;
    authorId: string | null;
    pinned: boolean;
    locked: boolean;
    hiddenReason: string | null;
    hidden: boolean;
    replies: number;
  }>(sql`
    select id, title, author_id as "authorId", pinned, locked, hidden_reason as "hiddenReason",
      hidden_at is not null as hidden, replies
    from board_threads where id = ${threadId} and board_id = ${boardId}`);
  if (!thread || (thread.hidden && reader.as !== "moderator")) return null;
  const posts = await db.execute<{
    id: string;
    authorId: string | null;
    authorName: string;
    body: string;
    createdAt: string;
    editedAt: string | null;
    hidden: boolean;
    hiddenReason: string | null;
    removed: boolean;
    helpful: number;
    helpfulToMe: boolean;
    files: { id: string; name: string; type: string; size: number }[];
  }>(sql`
    select p.id, p.author_id as "authorId", ${fullName("u")} as "authorName",
      case when p.hidden_at is null or ${reader.as === "moderator"} then p.body else '' end as body,
      p.created_at as "createdAt", p.edited_at as "editedAt", p.hidden_at is not null as hidden,
      p.hidden_reason as "hiddenReason", p.removed_at is not null as removed,
      (select count(*)::int from board_reactions x where x.post_id = p.id) as helpful,
      exists (select 1 from board_reactions x where x.post_id = p.id and x.user_id = ${reader.userId}) as "helpfulToMe",
      coalesce((select json_agg(json_build_object('id', f.id, 'name', f.name, 'type', f.type, 'size', f.size) order by f.created_at)
        from board_post_files f where f.post_id = p.id and p.removed_at is null
          and (p.hidden_at is null or ${reader.as === "moderator"})), '[]') as files
    from board_posts p left join users u on u.id = p.author_id
    where p.thread_id = ${threadId}
    order by p.created_at, p.id
    limit ${threadPageSize} offset ${(page - 1) * threadPageSize}`);
  return {
    ...thread,
    posts: [...posts],
    page,
    pages: Math.max(1, Math.ceil((thread.replies + 1) / threadPageSize)),
  };
}

/** The open reports of a board, oldest first, with the reported post's words: for its moderators. */
export async function openReports(db: DbOrTx, boardId: string) {
  return db.execute<{
    id: string;
    reason: string;
    createdAt: string;
    reporterName: string;
    postId: string;
    threadId: string;
    threadTitle: string;
    body: string;
    authorName: string;
  }>(sql`
    select r.id, r.reason, r.created_at as "createdAt", ${fullName("ru")} as "reporterName",
      p.id as "postId", p.thread_id as "threadId", t.title as "threadTitle", p.body, ${fullName("au")} as "authorName"
    from board_reports r
    join board_posts p on p.id = r.post_id
    join board_threads t on t.id = p.thread_id
    left join users ru on ru.id = r.reporter_id
    left join users au on au.id = p.author_id
    where r.board_id = ${boardId} and r.resolved_at is null
    order by r.created_at
    limit 100`);
}

/**
 * Whether a reader still sees a thread now, decided afresh from the present (a live stream asks
 * at each event): the person not suspended, still allowed on the board (a demoted moderator reads
 * as a member), and the thread still visible to them.
 */
export async function threadStillVisible(db: DbOrTx, userId: string, boardId: string, threadId: string) {
  const actor = await loadActor(db, userId);
  const board = actor ? await loadBoardTarget(db, boardId, actor.userId) : null;
  const decision = actor && board ? can(actor, "board.read", board) : null;
  return decision?.allowed === true && threadVisible(db, boardId, threadId, decision.as);
}
