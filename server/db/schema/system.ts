import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { CustomFieldDefinition } from "../../organisation/custom-fields";
import { deliveryOutcome, users } from "./user";
import { nodes } from "./organisation";

/** The installation's settings: exactly one row (id is always true). */
export const settings = pgTable(
  "settings",
  {
    id: boolean().primaryKey().default(true),
    installationName: text().notNull().default("MedTech Academy"),
    registrationRequestsEnabled: boolean().notNull().default(false),
    // With it on, a request for an open facility (open_facilities) is approved by a worker at once.
    autoApproveEnabled: boolean().notNull().default(false),
    lockoutThreshold: integer().notNull().default(5),
    lockoutMinutes: integer().notNull().default(15),
    // Credential stuffing: this many failed logins from one IP address within ipThrottleMinutes,
    // across every account, and further attempts from it are refused until the window passes.
    ipThrottleFailures: integer().notNull().default(30),
    ipThrottleMinutes: integer().notNull().default(15),
    invitationExpiryDays: integer().notNull().default(7),
    invitationResendIntervalDays: integer().notNull().default(3),
    invitationResendMax: integer().notNull().default(3),
    // Null: no limit on active users.
    seatLimit: integer(),
    requireTwoFactorForAdmins: boolean().notNull().default(false),
    // Owner admins hold every key of the installation: two-step verification for them is on in a
    // new installation (the demo data turns it off so its logins work at once, and says so).
    requireTwoFactorForOwnerAdmins: boolean().notNull().default(true),
    demoData: boolean().notNull().default(false),
    // Sessions end after this long without a request, and this long after sign-in whatever happens.
    sessionIdleMinutes: integer().notNull().default(30),
    sessionMaxHours: integer().notNull().default(8),
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
    index("email_outbox_batch_idx")
      .on(t.batchId)
      .where(sql`${t.batchId} is not null`),
    index("email_outbox_provider_idx")
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
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
export type RegistrationRequestStatus = (typeof registrationRequestStatus.enumValues)[number];

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
    // The customer the request is for: picked from the open facilities, or matched from the name
    // typed in. It decides which admins see the request; without it only owner admins do.
    facilityId: uuid().references(() => nodes.id, { onDelete: "set null" }),
    facilityName: text(),
    country: text(),
    message: text().notNull().default(""),
    status: registrationRequestStatus().notNull().default("pending"),
    // Why a request waits for a person (it did not qualify for auto-approval, or the job could not
    // finish it), shown in the review table.
    reviewReason: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    // Accepted by the auto-approve job rather than a person.
    decidedAutomatically: boolean().notNull().default(false),
    // The reason a rejection gave (emailed when the admin chose to).
    rejectionReason: text(),
    // The account the acceptance created or linked.
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registration_requests_status_idx").on(t.status, t.createdAt),
    index("registration_requests_email_idx").on(t.email, t.createdAt),
    index("registration_requests_ip_idx").on(t.ip, t.createdAt),
    index("registration_requests_facility_idx").on(t.facilityId, t.status),
  ],
);

/**
 * A customer the owner opened to self-registration: a request for it (from an allowed email
 * domain, when domains are listed) is approved at once into its default group.
 */
export const openFacilities = pgTable("open_facilities", {
  customerId: uuid()
    .primaryKey()
    .references(() => nodes.id, { onDelete: "cascade" }),
  defaultGroupId: uuid()
    .notNull()
    .references(() => nodes.id, { onDelete: "cascade" }),
  // Lower-case domains; an address qualifies at the domain or a subdomain of it. Empty: every address.
  allowedDomains: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  openedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every submission of the request form, stored or not: what the per-IP and per-email limits count. */
export const registrationAttempts = pgTable(
  "registration_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    email: text().notNull(),
  },
  (t) => [
    index("registration_attempts_ip_idx").on(t.ip, t.at),
    index("registration_attempts_email_idx").on(t.email, t.at),
  ],
);

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

/** Password reset requests, counted per address and per IP for their rate limits. */
export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    email: text().notNull(),
    ip: text(),
  },
  (t) => [
    index("password_reset_requests_email_idx").on(t.email, t.at),
    index("password_reset_requests_ip_idx").on(t.ip, t.at),
  ],
);

/** Every webhook delivery applied, by the provider's delivery id: a replay of one is recognised. */
export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: text().primaryKey(),
  kind: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
