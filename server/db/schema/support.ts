/* Support issues: what product users report, the staff who handle them, and each issue's history. */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { contentItems } from "./content";
import { nodes } from "./organisation";
import { users } from "./user";

/**
 * A kind of issue the owner defines. A device complaint asks for the device's serial or lot, the
 * event's date and whether someone was harmed, and gets a reportability decision. Archived (never
 * deleted) once issues use it.
 */
export const supportIssueTypes = pgTable("support_issue_types", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  description: text().notNull().default(""),
  deviceComplaint: boolean().notNull().default(false),
  // The internal organisation (or a market, for a distributor's own support) whose staff handle
  // issues of this type.
  defaultUnitId: uuid()
    .notNull()
    .references(() => nodes.id, { onDelete: "restrict" }),
  attachmentsAllowed: boolean().notNull().default(true),
  archivedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The handling units a person works in: they are staff there. */
export const supportStaffUnits = pgTable(
  "support_staff_units",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index("support_staff_units_unit_idx").on(t.unitId)],
);

/** The issue types a member of staff may handle; none listed means every type. */
export const supportStaffTypes = pgTable(
  "support_staff_types",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    typeId: uuid()
      .notNull()
      .references(() => supportIssueTypes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.typeId] })],
);

export const supportAccountCategory = pgEnum("support_account_category", ["customer", "distributor", "service"]);
export type SupportAccountCategory = (typeof supportAccountCategory.enumValues)[number];

/**
 * The accounts assigned to a member of staff, in the three categories of the user record:
 * customers and services are customers of the tree, distributors are markets. None at all means
 * every account their units serve; any means only issues from those.
 */
export const supportStaffAccounts = pgTable(
  "support_staff_accounts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nodeId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    category: supportAccountCategory().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId, t.category] })],
);

export const supportIssueStatus = pgEnum("support_issue_status", [
  "new",
  "in_progress",
  "waiting",
  "resolved",
  "closed",
]);
export type SupportIssueStatus = (typeof supportIssueStatus.enumValues)[number];
export const supportSeverity = pgEnum("support_severity", ["low", "medium", "high", "critical"]);
export type SupportSeverity = (typeof supportSeverity.enumValues)[number];
export const reportability = pgEnum("support_reportability", ["undecided", "yes", "no"]);
export type Reportability = (typeof reportability.enumValues)[number];

export const supportIssues = pgTable(
  "support_issues",
  {
    id: uuid().primaryKey().defaultRandom(),
    // The number people quote ("issue 1042").
    number: bigserial({ mode: "number" }).notNull().unique(),
    typeId: uuid()
      .notNull()
      .references(() => supportIssueTypes.id, { onDelete: "restrict" }),
    reporterId: uuid().references(() => users.id, { onDelete: "set null" }),
    // Where the reporter sat when reporting (their hospital and its market): what admins' tree
    // scope and staff's assigned accounts are asked about. Kept when the reporter moves on.
    customerId: uuid().references(() => nodes.id, { onDelete: "set null" }),
    marketId: uuid().references(() => nodes.id, { onDelete: "set null" }),
    // The path of the node the reporter sat in, for the tree-scope test of admins.
    scopePath: text().notNull(),
    unitId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: "restrict" }),
    itemId: uuid().references(() => contentItems.id, { onDelete: "set null" }),
    title: text().notNull(),
    description: text().notNull(),
    severity: supportSeverity().notNull().default("medium"),
    status: supportIssueStatus().notNull().default("new"),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    // Device complaints.
    deviceSerial: text(),
    eventDate: date({ mode: "string" }),
    harm: boolean(),
    reportability: reportability(),
    reportabilityReason: text(),
    // When the maker became aware (the report's arrival) and, for a serious incident, the day the
    // report to the authorities is due (EU MDR Article 87: 2, 10 or 15 days from awareness).
    awareAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deadlineDays: integer(),
    deadlineAt: timestamp({ withTimezone: true }),
    // Reminders sent for the deadline, so the scheduled job sends each once.
    deadlineReminders: jsonb().$type<string[]>().notNull().default([]),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("support_issues_unit_status_idx").on(t.unitId, t.status, t.createdAt),
    // The inbox's pages, newest first: over everything (owner admins), per customer and per market
    // (staff assigned accounts).
    index("support_issues_created_idx").on(t.createdAt),
    index("support_issues_customer_idx").on(t.customerId, t.createdAt),
    index("support_issues_market_idx").on(t.marketId, t.createdAt),
    // Staff restricted to issue types and accounts: the type is checked in the index, so only the
    // rows in reach are read from the table.
    index("support_issues_customer_type_idx").on(t.customerId, t.typeId, t.createdAt, t.unitId, t.id),
    // The inbox's product filter, and which products have issues in reach.
    index("support_issues_item_idx").on(t.itemId, t.createdAt),
    index("support_issues_assignee_idx").on(t.assigneeId, t.status),
    index("support_issues_reporter_idx").on(t.reporterId, t.createdAt),
    index("support_issues_scope_idx").using("btree", t.scopePath.op("text_pattern_ops")),
    index("support_issues_deadline_idx")
      .on(t.deadlineAt)
      .where(sql`${t.deadlineAt} is not null and ${t.status} not in ('resolved', 'closed')`),
    check("support_issues_deadline_days", sql`${t.deadlineDays} is null or ${t.deadlineDays} in (2, 10, 15)`),
  ],
);

export const supportEventKind = pgEnum("support_event_kind", [
  "created",
  "reply",
  "note",
  "status",
  "assigned",
  "reportability",
  "file",
]);
export type SupportEventKind = (typeof supportEventKind.enumValues)[number];

/**
 * An issue's own history: replies (public: the reporter sees them), internal notes (never shown
 * to the reporter), status changes, assignments, decisions and files, oldest first.
 */
export const supportIssueEvents = pgTable(
  "support_issue_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    issueId: uuid()
      .notNull()
      .references(() => supportIssues.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: supportEventKind().notNull(),
    public: boolean().notNull(),
    body: text().notNull().default(""),
    data: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("support_issue_events_issue_idx").on(t.issueId, t.createdAt)],
);
