import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { nodes } from "./organisation";
import { users } from "./user";

/** PostgreSQL's full-text document type, for the generated search columns. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A community board: created by an admin at their node (its owner node: the admins over it
 * moderate), given to nodes one level down and to single people, like content. Its members are
 * the people placed under a node it was given to, and the people it was given to.
 */
export const boards = pgTable("boards", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  description: text().notNull().default(""),
  ownerNodeId: uuid()
    .notNull()
    .references(() => nodes.id, { onDelete: "restrict" }),
  createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp({ withTimezone: true }),
});

/** Who a board is given to: a node (everyone placed under it) or one person. */
export const boardAccess = pgTable(
  "board_access",
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    nodeId: uuid().references(() => nodes.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    givenBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("board_access_one_target", sql`num_nonnulls(${t.nodeId}, ${t.userId}) = 1`),
    uniqueIndex("board_access_node_idx")
      .on(t.nodeId, t.boardId)
      .where(sql`${t.nodeId} is not null`),
    uniqueIndex("board_access_user_idx")
      .on(t.userId, t.boardId)
      .where(sql`${t.userId} is not null`),
    index("board_access_board_idx").on(t.boardId),
  ],
);

/** A thread: its title, and the moderators' pin and lock; hidden threads only moderators see. */
export const boardThreads = pgTable(
  "board_threads",
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    // Posts stay, attributed, when their author leaves the board; gone only with the person.
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    pinned: boolean().notNull().default(false),
    locked: boolean().notNull().default(false),
    replies: integer().notNull().default(0),
    lastPostAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: uuid().references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', title)`),
  },
  (t) => [
    index("board_threads_board_idx").on(t.boardId, t.pinned, t.lastPostAt),
    index("board_threads_search_idx").using("gin", t.search),
  ],
);

/**
 * A post: a thread's opening post or a reply, in Markdown (rendered without raw HTML). Edited by its
 * author within a while; hidden (kept, with the reason) or removed (its words erased, the entry
 * kept) by moderators.
 */
export const boardPosts = pgTable(
  "board_posts",
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid()
      .notNull()
      .references(() => boardThreads.id, { onDelete: "cascade" }),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: uuid().references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text(),
    removedAt: timestamp({ withTimezone: true }),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', body)`),
  },
  (t) => [
    index("board_posts_thread_idx").on(t.threadId, t.createdAt, t.id),
    index("board_posts_board_idx").on(t.boardId, t.createdAt),
    index("board_posts_search_idx").using("gin", t.search),
    check("board_posts_body_length", sql`length(${t.body}) <= 20000`),
  ],
);

/** A file on a post, in the document store, checked like documents. */
export const boardPostFiles = pgTable(
  "board_post_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => boardPosts.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    type: text().notNull(),
    size: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("board_post_files_post_idx").on(t.postId)],
);

/** "Helpful": one per person and post. */
export const boardReactions = pgTable(
  "board_reactions",
  {
    postId: uuid()
      .notNull()
      .references(() => boardPosts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

/** Where a person has read a thread up to: the unread counts and the daily digest. */
export const boardReads = pgTable(
  "board_reads",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: uuid()
      .notNull()
      .references(() => boardThreads.id, { onDelete: "cascade" }),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

/** A post reported to the moderators, until one of them deals with it. */
export const boardReports = pgTable(
  "board_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    postId: uuid()
      .notNull()
      .references(() => boardPosts.id, { onDelete: "cascade" }),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    reporterId: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("board_reports_open_idx")
      .on(t.boardId, t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
    uniqueIndex("board_reports_once_idx").on(t.postId, t.reporterId),
  ],
);

/** The daily digest sent to a person on a day: written with its email, so it goes once a day. */
export const boardDigests = pgTable(
  "board_digests",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
