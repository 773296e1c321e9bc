/* Signing in: attempts, single-use tokens, recovery codes, locks, sessions and known devices. */
import {
  bigserial,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./user";

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

/** What a link sent by email lets its holder do once. */
// second_factor: the password was right, the code is awaited (5 minutes). sign_in: a checked login handed to
// next-auth to open the session (1 minute).
export const tokenPurpose = pgEnum("token_purpose", [
  "invitation",
  "password_reset",
  "email_change",
  "second_factor",
  "sign_in",
]);

/**
 * Single-use tokens sent by email. Only the SHA-256 of the token is stored: the token itself (256
 * random bits) exists only in the email, so a copy of the database opens no account.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: tokenPurpose().notNull(),
    tokenHash: text().notNull(),
    // For an email change: the address to confirm.
    newEmail: text(),
    // For a derived token (invitations): 256 random bits that, with the server's key, make the
    // token (see derivedToken). Useless without the key: a copy of the database opens nothing.
    derivationSalt: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    // Set when a newer token of the same purpose replaced this one, or the request was withdrawn.
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_idx").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

/** A one-time recovery code for when the authenticator is lost: ten per enrolment, stored hashed. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

export const unlockReason = pgEnum("unlock_reason", ["time", "admin", "password_reset"]);

/**
 * Each time an account locked itself after failed logins: the user's security history, what the
 * doubling of the lock's length counts, and the work of the lock job (done once, see processedAt).
 */
export const accountLocks = pgTable(
  "account_locks",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lockedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }).notNull(),
    failures: integer().notNull(),
    // The failure that reached the threshold.
    ip: text(),
    userAgent: text(),
    // The lock job finished: email queued, admins notified, unlock scheduled.
    processedAt: timestamp({ withTimezone: true }),
    unlockedAt: timestamp({ withTimezone: true }),
    unlockReason: unlockReason(),
    unlockedBy: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
  },
  (t) => [index("account_locks_user_idx").on(t.userId, t.lockedAt)],
);

/**
 * A signed-in session, server side: the cookie only names it (inside next-auth's encrypted token),
 * so signing out, an idle or absolute limit, or an admin ends it for every copy of the cookie.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    // signed_out, ended_by_user, ended_by_admin, suspended, idle, expired.
    endReason: text(),
    // The user's session version when it began: a password change or reset bumps the user's, which
    // ends every session begun before it.
    sessionVersion: integer().notNull(),
    ip: text(),
    userAgent: text(),
    // Secrets asked again inside this session (a signature, a password change, new recovery codes)
    // are counted here, not on the account: a lock caused by others does not stop the person, and
    // a stolen session that guesses is ended at the threshold.
    secretFailures: integer().notNull().default(0),
    secretChecksInFlight: integer().notNull().default(0),
    secretChecksAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.createdAt)],
);

/**
 * A browser a person signed in from successfully (OWASP's device cookie): its cookie holds 256
 * random bits, stored here only as their SHA-256. Failed logins from a known device count against
 * that device, not the account, so a stranger's guesses cannot lock the person out of their own
 * browser; the columns mirror the account's own lockout counters.
 */
export const trustedDevices = pgTable(
  "trusted_devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    failedLoginAttempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    loginsInFlight: integer().notNull().default(0),
    loginsInFlightAt: timestamp({ withTimezone: true }),
    // The user's session version when the browser was trusted: a password change or reset bumps
    // the user's, and every device trusted before it counts for nothing from then on.
    sessionVersion: integer().notNull().default(0),
    // Locks of this device within a day double its next one, as the account's do.
    recentLocks: integer().notNull().default(0),
    lastLockedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("trusted_devices_token_idx").on(t.tokenHash), index("trusted_devices_user_idx").on(t.userId)],
);
