import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  boolean,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { nodes } from "./organisation";
import { users } from "./user";

/**
 * What the owner gives out: products, trainings (self-study courses and teacher-led sessions) and
 * documents. Each item has versions; the portal only ever shows the published one.
 */
export const contentKind = pgEnum("content_kind", ["product", "course", "session", "document"]);
export type ContentKind = (typeof contentKind.enumValues)[number];

export const contentItems = pgTable(
  "content_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: contentKind().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
    /** A course's training period: days to complete it once it is someone's, or once they must retrain. */
    trainingDueDays: smallint().notNull().default(30),
    /**
     * Completions of this version or later are current training; older ones stay as evidence but
     * no longer count. Raised when the owner publishes a version everyone must retrain on.
     */
    countsFromVersion: integer().notNull().default(1),
  },
  (t) => [index("content_items_kind_idx").on(t.kind, t.createdAt)],
);

/** draft → approved → published; the version it replaces becomes retired. */
export const versionStatus = pgEnum("content_version_status", ["draft", "approved", "published", "retired"]);
export type VersionStatus = (typeof versionStatus.enumValues)[number];

/** One page of a self-study course: text (Markdown), an optional image and an optional video link. */
export interface CoursePage {
  title: string;
  text: string;
  imageUrl: string | null;
  videoUrl: string | null;
}

/** A document's file, in the document store (server/content/file-store.ts). */
export interface DocumentFile {
  key: string;
  name: string;
  type: string;
  size: number;
}

/** The body of a version, by kind. */
export type ContentBody =
  | { kind: "product"; text: string }
  | { kind: "course"; pages: CoursePage[] }
  | { kind: "session"; text: string; startsAt: string; place: string }
  | { kind: "document"; text: string; file?: DocumentFile | null };

export const contentVersions = pgTable(
  "content_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    status: versionStatus().notNull().default("draft"),
    title: text().notNull(),
    summary: text().notNull().default(""),
    body: jsonb().$type<ContentBody>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("content_versions_number_idx").on(t.itemId, t.number),
    // At most one version in the works and one published per item.
    uniqueIndex("content_versions_open_idx")
      .on(t.itemId)
      .where(sql`${t.status} in ('draft', 'approved')`),
    uniqueIndex("content_versions_published_idx")
      .on(t.itemId)
      .where(sql`${t.status} = 'published'`),
  ],
);

/**
 * An item given to a node of the tree or to one user. `root`: given by an owner admin, it needs
 * nothing above it; every other assignment passes on what the node above has, and is removed with
 * it (server/content/assignments.ts keeps that true), so "who has what" is a plain join.
 */
export const contentAssignments = pgTable(
  "content_assignments",
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    nodeId: uuid().references(() => nodes.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    root: boolean().notNull().default(false),
    assignedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("content_assignments_one_target", sql`num_nonnulls(${t.nodeId}, ${t.userId}) = 1`),
    uniqueIndex("content_assignments_node_idx")
      .on(t.nodeId, t.itemId)
      .where(sql`${t.nodeId} is not null`),
    uniqueIndex("content_assignments_user_idx")
      .on(t.userId, t.itemId)
      .where(sql`${t.userId} is not null`),
    index("content_assignments_item_idx").on(t.itemId),
  ],
);

/** A person's way through a self-study course: where they are, which pages they saw, how far along. */
export const courseProgress = pgTable(
  "course_progress",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    lastPage: integer().notNull().default(0),
    pagesSeen: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    percent: smallint().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] }), index("course_progress_item_idx").on(t.itemId)],
);

/**
 * Evidence of training: a person completed this version of an item, on this date. Kept when the
 * item moves on to a new version (the record says which version they were trained on), and when
 * the course's progress is reset for a retraining.
 */
export const trainingCompletions = pgTable(
  "training_completions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    versionId: uuid()
      .notNull()
      .references(() => contentVersions.id, { onDelete: "cascade" }),
    versionNumber: integer().notNull(),
    completedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("training_completions_person_version_idx").on(t.userId, t.versionId),
    index("training_completions_item_idx").on(t.itemId, t.versionNumber),
  ],
);

export const signatureMeaning = pgEnum("content_signature_meaning", ["approved", "published"]);
export type SignatureMeaning = (typeof signatureMeaning.enumValues)[number];

/**
 * An electronic signature on a content version (21 CFR Part 11 §11.50, §11.200 in spirit): who
 * signed (their name as it was), when (the database's clock), what it means, and the SHA-256 of the
 * version's content it was given to. The signer re-entered their password (and code) to sign.
 * Signed content never changes: a change starts the next version.
 */
export const contentSignatures = pgTable(
  "content_signatures",
  {
    id: uuid().primaryKey().defaultRandom(),
    versionId: uuid()
      .notNull()
      .references(() => contentVersions.id, { onDelete: "cascade" }),
    signerId: uuid().references(() => users.id, { onDelete: "set null" }),
    signerName: text().notNull(),
    meaning: signatureMeaning().notNull(),
    contentHash: text().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
  },
  (t) => [uniqueIndex("content_signatures_version_meaning_idx").on(t.versionId, t.meaning)],
);

export const trainingReminderStage = pgEnum("training_reminder_stage", ["due_soon", "overdue"]);

/**
 * A reminder sent to someone whose training in a course is due (a week before) or overdue: one per
 * stage for each version they must be trained on, so the daily job never sends one twice.
 */
export const trainingReminders = pgTable(
  "training_reminders",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    countsFromVersion: integer().notNull(),
    stage: trainingReminderStage().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId, t.countsFromVersion, t.stage] })],
);

export const sessionResponse = pgEnum("session_response", ["attending", "not_attending"]);
export type SessionResponse = (typeof sessionResponse.enumValues)[number];

/**
 * A person invited to one version of a teacher-led session: their answer, and afterwards whether
 * they attended, as the trainer or an admin recorded it. Attending completes the session in their
 * training record (training_completions), as completing a course does.
 */
export const sessionAttendance = pgTable(
  "session_attendance",
  {
    versionId: uuid()
      .notNull()
      .references(() => contentVersions.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    invitedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    response: sessionResponse(),
    respondedAt: timestamp({ withTimezone: true }),
    attended: boolean(),
    recordedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.userId] }), index("session_attendance_item_idx").on(t.itemId)],
);
