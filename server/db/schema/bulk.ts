import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { nodes } from "./organisation";
import { users } from "./user";

export const bulkOperationKinds = [
  "invite",
  "suspend",
  "reactivate",
  "add_to_group",
  "delete",
  "accept_registrations",
  "reject_registrations",
  "import_users",
  "import_organisation",
] as const;
export const bulkOperationKind = pgEnum("bulk_operation_kind", bulkOperationKinds);
export type BulkOperationKind = (typeof bulkOperationKinds)[number];

export const bulkItemStatus = pgEnum("bulk_item_status", ["pending", "done", "failed", "cancelled"]);
export type BulkItemStatus = (typeof bulkItemStatus.enumValues)[number];

/**
 * One bulk action an admin started (invite 10,000 people, import a file): recorded with its items
 * and its chunk jobs in one transaction, then done by the workers. Its progress is read from its
 * items, so any instance and any admin who may see it shows the same.
 */
export const bulkOperations = pgTable(
  "bulk_operations",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: bulkOperationKind().notNull(),
    startedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The starter's name when they started it: the operation outlives their account. */
    startedByName: text().notNull(),
    ip: text(),
    /** Where other admins see it from (admins at or above this node); null: only its starter. */
    nodeId: uuid().references(() => nodes.id, { onDelete: "set null" }),
    /** What every item shares: the group to add them to, the rejection's reason, the import's file. */
    params: jsonb().notNull().default({}),
    /** The page's key for this press of the button: pressing it twice starts one operation. */
    requestKey: text().notNull(),
    total: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("bulk_operations_request_key_idx").on(t.startedBy, t.requestKey),
    index("bulk_operations_recent_idx").on(t.createdAt),
    check("bulk_operations_request_key_length", sql`length(${t.requestKey}) between 8 and 100`),
  ],
);

/** One thing a bulk operation does (a user to invite, a line of the file), with its outcome. */
export const bulkOperationItems = pgTable(
  "bulk_operation_items",
  {
    operationId: uuid()
      .notNull()
      .references(() => bulkOperations.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    /** The user or registration request acted on; null for a line of an imported file. */
    targetId: uuid(),
    /** How the item reads in the outcome: a name, an address, "Line 12". */
    label: text().notNull(),
    status: bulkItemStatus().notNull().default("pending"),
    message: text(),
    doneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.operationId, t.position] }),
    index("bulk_operation_items_status_idx").on(t.operationId, t.status),
  ],
);
