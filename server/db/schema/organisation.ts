import { sql } from "drizzle-orm";
import {
  check,
  index,
  jsonb,
  uniqueIndex,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

/**
 * A node of the organisation tree: the owner (one per installation), a market, a customer, an
 * internal organisation, or a user group under one of those. Groups are nodes too, so a role held
 * at a group and a role held at a market are answered by the same subtree test.
 */
export const nodeKind = pgEnum("node_kind", ["owner", "market", "customer", "internal", "group"]);

export const nodes = pgTable(
  "nodes",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: nodeKind().notNull(),
    parentId: uuid().references((): AnyPgColumn => nodes.id, { onDelete: "restrict" }),
    /**
     * Materialised path: "/<owner id>/<market id>/.../<own id>/". A node lies in the subtree of X
     * exactly when its path starts with X's path, which one btree index (text_pattern_ops) answers.
     */
    path: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    customFields: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    // The node's id in the maker's own records (an ERP's account number): an organisation import
    // matches its lines by it, so importing the same file again changes nothing.
    externalId: text(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("nodes_path_idx").using("btree", t.path.op("text_pattern_ops")),
    index("nodes_parent_idx").on(t.parentId),
    check("nodes_owner_is_root", sql`(${t.kind} = 'owner') = (${t.parentId} is null)`),
    uniqueIndex("nodes_external_id_idx")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    // One owner per installation: a second set-up can never make a second way in.
    uniqueIndex("nodes_one_owner_idx")
      .on(t.kind)
      .where(sql`${t.kind} = 'owner'`),
  ],
);

export type Node = typeof nodes.$inferSelect;
export type NodeKind = (typeof nodeKind.enumValues)[number];
