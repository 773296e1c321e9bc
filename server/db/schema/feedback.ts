import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contentItems, contentVersions } from "./content";
import { users } from "./user";

/**
 * A person's rating (1–5) and optional comment on one published version of an item: one per person
 * and version, edited in place by its author. Content editors mark comments handled.
 */
export const contentFeedback = pgTable(
  "content_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    versionId: uuid()
      .notNull()
      .references(() => contentVersions.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint().notNull(),
    comment: text().notNull().default(""),
    handledAt: timestamp({ withTimezone: true }),
    handledBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("content_feedback_person_version_idx").on(t.userId, t.versionId),
    index("content_feedback_version_idx").on(t.versionId, t.updatedAt),
    index("content_feedback_item_idx").on(t.itemId, t.rating),
    check("content_feedback_rating", sql`${t.rating} between 1 and 5`),
    check("content_feedback_comment_length", sql`length(${t.comment}) <= 2000`),
  ],
);
