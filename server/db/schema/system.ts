import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { CustomFieldDefinition } from "../../organisation/custom-fields";
import { deliveryOutcome, users } from "./user";

/** The installation's settings: exactly one row (id is always true). */
export const settings = pgTable(
  "settings",
  {
    id: boolean().primaryKey().default(true),
    installationName: text().notNull().default("MedTech Academy"),
    registrationRequestsEnabled: boolean().notNull().default(false),
    lockoutThreshold: integer().notNull().default(5),
    lockoutMinutes: integer().notNull().default(15),
    invitationExpiryDays: integer().notNull().default(7),
    invitationResendIntervalDays: integer().notNull().default(3),
    invitationResendMax: integer().notNull().default(3),
    // Null: no limit on active users.
    seatLimit: integer(),
    requireTwoFactorForAdmins: boolean().notNull().default(false),
    // The owner-defined fields every customer carries (server/organisation/custom-fields.ts).
    customerFields: jsonb().$type<CustomFieldDefinition[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("settings_single_row", sql`${t.id}`)],
);

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
    index("email_outbox_batch_idx").on(t.batchId).where(sql`${t.batchId} is not null`),
    index("email_outbox_provider_idx").on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
  ],
);

/** Who did what to whom, with the values before and after. Never updated, never deleted. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

/** One row per login attempt, successful or not: the record a failed login leaves behind. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // What was typed (trimmed, lower-cased, cut to 320 characters), even when no account matches.
    email: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    ip: text(),
    userAgent: text(),
    success: boolean().notNull(),
    reason: text().notNull(),
  },
  (t) => [index("login_attempts_user_at_idx").on(t.userId, t.at), index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

export const registrationRequestStatus = pgEnum("registration_request_status", ["pending", "accepted", "rejected"]);

/**
 * A newcomer's request for an account, from the public form. Also the record the rate limits
 * count (per IP and per email), so they hold across app instances.
 */
export const registrationRequests = pgTable(
  "registration_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text(),
    position: text(),
    // An open facility picked from the list (auto-approve mode), or the facility typed in.
    facilityId: uuid(),
    facilityName: text(),
    country: text(),
    message: text().notNull().default(""),
    status: registrationRequestStatus().notNull().default("pending"),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registration_requests_status_idx").on(t.status, t.createdAt),
    index("registration_requests_email_idx").on(t.email, t.createdAt),
    index("registration_requests_ip_idx").on(t.ip, t.createdAt),
  ],
);

/** Every submission of the request form, stored or not: what the per-IP and per-email limits count. */
export const registrationAttempts = pgTable(
  "registration_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    email: text().notNull(),
  },
  (t) => [index("registration_attempts_ip_idx").on(t.ip, t.at), index("registration_attempts_email_idx").on(t.email, t.at)],
);
