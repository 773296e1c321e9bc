import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { nodes } from "./organisation";

/** The provider's verdict on an email (Resend webhooks); same values as the outbox's delivery_status. */
export const deliveryOutcome = pgEnum("delivery_status", ["delivered", "bounced", "complained"]);

/** Onboarding status. Suspended and Locked are independent of it (their own columns). */
export const userStatus = pgEnum("user_status", ["not_invited", "invited", "active"]);

export const roleName = pgEnum("role_name", [
  "product_user",
  "group_admin",
  "customer_admin",
  "market_admin",
  "owner_admin",
]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored trimmed and lower-cased: the login, compared exactly.
    email: text().notNull(),
    // A changed address waits here until confirmed through a link, then becomes the login.
    pendingEmail: text(),
    passwordHash: text(),
    status: userStatus().notNull().default("not_invited"),
    // The highest role the user holds anywhere; kept in step with role_assignments by the
    // domain functions that grant and revoke, so lists can sort and filter on it.
    primaryRole: roleName().notNull().default("product_user"),
    suspendedAt: timestamp({ withTimezone: true }),
    lockedUntil: timestamp({ withTimezone: true }),
    // Consecutive wrong passwords since the last successful login or unlock.
    failedLoginAttempts: integer().notNull().default(0),
    // Passwords being checked right now (see server/auth/login.ts): with the failures, at most the
    // lockout threshold may be in play at once. A count older than a few seconds belongs to a
    // process that died mid-check and is ignored.
    loginsInFlight: integer().notNull().default(0),
    loginsInFlightAt: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    lastLoginIp: text(),
    twoFactorEnabled: boolean().notNull().default(false),
    // The daily email of unread activity on one's community boards (opt-out on the profile).
    boardDigest: boolean().notNull().default(true),
    // The TOTP secret, encrypted with a key derived from AUTH_SECRET (server/auth/two-factor.ts);
    // a pending one waits for the first code that confirms the enrolment.
    totpSecret: text(),
    totpPendingSecret: text(),
    // The last time step accepted: a code is good once.
    totpLastStep: integer(),
    // Bumped on password change/reset and on "sign out everywhere": older sessions stop working.
    sessionVersion: integer().notNull().default(0),
    firstName: text().notNull().default(""),
    lastName: text().notNull().default(""),
    phone: text(),
    position: text(),
    managerId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    photoPath: text(),
    // What the provider last reported of the newest invitation email (Resend webhooks).
    invitationDelivery: deliveryOutcome(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    invitedAt: timestamp({ withTimezone: true }),
    activatedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(t.email),
    // One index per sort order of the users table, each ending in id for keyset pagination.
    index("users_name_idx").on(t.lastName, t.firstName, t.id),
    // Never signed in counts as the earliest time: see the lastLogin sort of server/users/list-users.ts.
    index("users_last_login_idx").using("btree", sql`coalesce(${t.lastLoginAt}, '-infinity'::timestamptz)`, t.id),
    index("users_created_idx").on(t.createdAt, t.id),
    index("users_status_idx").on(t.status),
    index("users_role_idx").on(t.primaryRole),
    // Search matches what was typed against the start of "first last", "last first" or the email:
    // btree prefix ranges, read in index order so a search stops as soon as it has enough.
    index("users_first_last_prefix_idx").using(
      "btree",
      sql`lower(${t.firstName} || ' ' || ${t.lastName}) text_pattern_ops`,
    ),
    index("users_last_first_prefix_idx").using(
      "btree",
      sql`lower(${t.lastName} || ' ' || ${t.firstName}) text_pattern_ops`,
    ),
    index("users_email_prefix_idx").using("btree", t.email.op("text_pattern_ops")),
    // Suspended and Locked are rare: small partial indexes make their filters cheap.
    index("users_suspended_idx")
      .on(t.suspendedAt)
      .where(sql`${t.suspendedAt} is not null`),
    index("users_locked_idx")
      .on(t.lockedUntil)
      .where(sql`${t.lockedUntil} is not null`),
  ],
);

/**
 * Every node whose subtree contains one of the user's placements (their groups and the nodes where
 * they hold a role), the owner excepted: "is user U inside node N's subtree" becomes one primary-key
 * probe, and "the users under N" one index range. Derived data, rebuilt by `refreshUserScopes` in
 * the same transaction as every change to memberships, role assignments or the tree.
 */
export const userScopes = pgTable(
  "user_scopes",
  {
    nodeId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.userId] }), index("user_scopes_user_idx").on(t.userId)],
);

/** A user's membership of a user group (or, for market admins' own training, a market-level group). */
export const memberships = pgTable(
  "memberships",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nodeId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] }), index("memberships_node_idx").on(t.nodeId, t.userId)],
);

/** An admin role held at a node; its scope is that node's subtree. Several assignments add up. */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleName().notNull(),
    nodeId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    grantedBy: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("role_assignments_unique_idx").on(t.userId, t.role, t.nodeId),
    index("role_assignments_node_idx").on(t.nodeId, t.userId),
    // A product user is simply a user without an admin assignment.
    check("role_assignments_admin_role", sql`${t.role} <> 'product_user'`),
  ],
);

/**
 * Operations granted on top of a person's role, through permission groups (cumulative across the
 * groups a person is in). What each one allows, and why it is a permission rather than a role, is
 * in docs/permissions.md; the scope resolver's table (server/scope/actions.ts) is where each is read.
 */
export const permission = pgEnum("permission", ["content.approve", "content.publish", "boards.moderate"]);

export const permissionGroups = pgTable(
  "permission_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(""),
    permissions: permission()
      .array()
      .notNull()
      .default(sql`'{}'`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Names differ however they are written: "Approvers" and "approvers" are one group.
  (t) => [uniqueIndex("permission_groups_name_idx").using("btree", sql`lower(${t.name})`)],
);

export const permissionGroupMembers = pgTable(
  "permission_group_members",
  {
    permissionGroupId: uuid()
      .notNull()
      .references(() => permissionGroups.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.permissionGroupId, t.userId] }),
    index("permission_group_members_user_idx").on(t.userId),
  ],
);

export type User = typeof users.$inferSelect;

export type UserStatus = (typeof userStatus.enumValues)[number];

export type RoleName = (typeof roleName.enumValues)[number];

export type Permission = (typeof permission.enumValues)[number];
