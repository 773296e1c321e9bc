/* The installation's settings. */
import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { CustomFieldDefinition } from "../../organisation/custom-fields";

/** The installation's settings: exactly one row (id is always true). */
export const settings = pgTable(
  "settings",
  {
    id: boolean().primaryKey().default(true),
    installationName: text().notNull().default("MedTech Academy"),
    registrationRequestsEnabled: boolean().notNull().default(false),
    // With it on, a request for an open facility (open_facilities) is approved by a worker at once.
    autoApproveEnabled: boolean().notNull().default(false),
    // A suspended person with the right password is told the names and addresses of their
    // hospital's administrators; off by default (an owner decides whether those are shared).
    showAdminContactsWhenSuspended: boolean().notNull().default(false),
    // Support issues: product users report them from the portal, staff handle them. Off by
    // default: when off, nothing of it shows anywhere.
    supportIssuesEnabled: boolean().notNull().default(false),
    // How long after an issue is resolved its reporter may reopen it.
    supportReopenDays: integer().notNull().default(14),
    // Community boards: product users post and reply within the boards given to them. Off by
    // default: when off, nothing of it shows anywhere.
    communityBoardsEnabled: boolean().notNull().default(false),
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
