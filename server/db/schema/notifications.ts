/* Administrators' notifications. */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./user";

/** A message for one administrator in the dashboard (an account in their scope locked itself, say). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    recipientId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    // A dashboard path to what it is about.
    link: text(),
    // The event it reports (an account lock's id): one notification per recipient and event.
    sourceId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt),
    uniqueIndex("notifications_source_idx").on(t.recipientId, t.kind, t.sourceId),
  ],
);
