/* Email: the outbox every email goes through, and the provider's webhook deliveries. */
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { deliveryOutcome, users } from "./user";

export const emailStatus = pgEnum("email_status", ["queued", "sending", "sent", "captured", "failed"]);

/**
 * Every email the system sends, written in the same transaction as the change that causes it.
 * The worker delivers it through Resend (using the row id as the idempotency key), or, without an
 * API key, marks it "captured" so the dev mailbox shows it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    status: emailStatus().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerMessageId: text(),
    // The provider call that carries this email: its id is the call's Idempotency-Key, so a call
    // repeated after a crash is the very same call (same emails, same key) and is sent once.
    batchId: uuid(),
    deliveryStatus: deliveryOutcome(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_outbox_created_idx").on(t.createdAt),
    index("email_outbox_user_idx").on(t.userId),
    index("email_outbox_batch_idx")
      .on(t.batchId)
      .where(sql`${t.batchId} is not null`),
    index("email_outbox_provider_idx")
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
  ],
);

/** Every webhook delivery applied, by the provider's delivery id: a replay of one is recognised. */
export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: text().primaryKey(),
  kind: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The next moment a call to an email provider may start, shared by every worker: the
 * installation's one budget of provider calls (server/email/rate-limit.ts).
 */
export const providerRateSlots = pgTable("provider_rate_slots", {
  provider: text().primaryKey(),
  nextAt: timestamp({ withTimezone: true }).notNull(),
});
