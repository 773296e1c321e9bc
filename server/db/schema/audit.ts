/* The audit log. */
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Who did what to whom, with the values before and after. Never deleted, and never changed but by
 * an erasure: a trigger refuses every other change to every role (drizzle/0027_audit_immutable.sql,
 * drizzle/0030_audit_erasure.sql), and `at` is the database's clock, whatever the writer sends.
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
 * SHA-256 over the entry's fields and its values' digests (the SQL function `audit_entry_digest`),
 * `hash` is SHA-256 over the previous link's hash, this digest and the text digest. An entry
 * edited or deleted in the database, or a link removed, no longer matches (server/audit/chain.ts
 * verifies it). Insert-only, like the log.
 */
export const auditChain = pgTable(
  "audit_chain",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    entryId: bigint({ mode: "number" }).notNull(),
    entryDigest: bytea().notNull(),
    /**
     * SHA-256 over the entry's text as sealed (`audit_entry_text_digest`): a quick check that it is
     * untouched. Only an entry whose text differs (erased, or tampered with) is checked value by
     * value against `entryDigest`.
     */
    textDigest: bytea().notNull(),
    prevHash: bytea().notNull(),
    hash: bytea().notNull(),
    sealedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("audit_chain_entry_idx").on(t.entryId)],
);

/**
 * A person deleted, whose name and address are still to be erased from the audit trail. The worker
 * replaces each of their values in the entries with its digest (so the chain still verifies) and
 * then clears `searchTerms`: what it looked for is the last copy of them, and goes last.
 */
export const auditErasures = pgTable("audit_erasures", {
  id: uuid().primaryKey().defaultRandom(),
  /** The person's id, from now on a pseudonym: nothing left in the installation says who it was. */
  personId: uuid().notNull(),
  requestedBy: uuid(),
  requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Their email address, full name and phone, lower-cased: cleared once the trail is erased. */
  searchTerms: text().array(),
  completedAt: timestamp({ withTimezone: true }),
  entriesErased: integer().notNull().default(0),
});
