/* Invitations: every invitation email sent to a user. */
import { index, pgEnum, pgTable, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./user";
import { accountTokens } from "./auth";

export const invitationKind = pgEnum("invitation_kind", ["first", "resend", "scheduled"]);

/**
 * Every invitation email sent to a user: who sent it (null for the schedule), which email carried
 * it (its delivery outcome lives on the outbox row) and which token it held.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: invitationKind().notNull(),
    sentBy: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    outboxId: uuid().notNull(),
    tokenId: uuid()
      .notNull()
      .references(() => accountTokens.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_user_idx").on(t.userId, t.createdAt)],
);
