/* The audit log. */
import {
  bigint,
  bigserial,
  customType,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Who did what to whom, with the values before and after. Never updated, never deleted: a trigger
 * refuses both to every role (drizzle/0027_audit_immutable.sql), and `at` is the database's clock,
 * whatever the writer sends.
 */
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

/**
 * The audit log's hash chain, one link per entry in the order they were sealed: `entryDigest` is
 * SHA-256 over the entry's canonical form (the SQL function `audit_entry_digest`), `hash` is
 * SHA-256 over the previous link's hash and this digest. An entry edited or deleted in the
 * database, or a link removed, no longer matches (server/audit/chain.ts verifies it). Insert-only,
 * like the log.
 */
export const auditChain = pgTable(
  "audit_chain",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    entryId: bigint({ mode: "number" }).notNull(),
    entryDigest: bytea().notNull(),
    prevHash: bytea().notNull(),
    hash: bytea().notNull(),
    sealedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("audit_chain_entry_idx").on(t.entryId)],
);
