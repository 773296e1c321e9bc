/* The audit log. */
import {
  bigint,
  bigserial,
  boolean,
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

/**
 * The chain's anchors: the hash of a link, with a MAC under a key the database never holds
 * (AUDIT_ANCHOR_KEY, in the app's and the worker's environment). The sealer anchors the last link
 * of every batch, in the same transaction, and writes the anchor to the worker's log. Someone who
 * rewrites entries in the database and recomputes the links after them cannot make anchors that
 * hold: verification finds the anchored hashes changed, or links left unanchored. Insert-only.
 */
export const auditAnchors = pgTable("audit_anchors", {
  seq: bigint({ mode: "number" }).primaryKey(),
  hash: bytea().notNull(),
  /** Which key made the MAC: the first 16 hex digits of the key's SHA-256. */
  keyId: text().notNull(),
  mac: bytea().notNull(),
  anchoredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each verification's result, MAC'd like an anchor: the next one starts from the last link an
 * intact one reached (unless it checks the whole trail), and the latest is what admins who may not
 * run one read. Insert-only.
 */
export const auditVerifications = pgTable(
  "audit_verifications",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** Asked for the whole trail (true), or on from the last verified link; `fromSeq` 0: every link was read. */
    whole: boolean().notNull(),
    fromSeq: bigint({ mode: "number" }).notNull(),
    /** The last link found to hold, and its hash. */
    throughSeq: bigint({ mode: "number" }).notNull(),
    throughHash: bytea(),
    intact: boolean().notNull(),
    /** The first link that does not hold: { seq, entryId, problem }. */
    firstBroken: jsonb(),
    erasedEntries: bigint({ mode: "number" }).notNull().default(0),
    keyId: text().notNull(),
    mac: bytea().notNull(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_verifications_intact_idx").on(t.intact, t.throughSeq)],
);
