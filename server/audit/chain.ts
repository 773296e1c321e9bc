import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";

/*
 * The audit log's hash chain. Entries are written freely (an insert, no lock: a mutation pays
 * nothing more); the sealer links them afterwards, in the order it finds them committed, each link
 * SHA-256(previous hash ‖ the entry's digest ‖ its text digest). The entry's digest (the SQL
 * function `audit_entry_digest`) is taken over its fields and its values' digests, so a deleted
 * person's values replaced by their digests leave it as sealed (server/audit/erasure.ts); the text
 * digest (`audit_entry_text_digest`) over its whole text, a quick check that it is untouched.
 * Verification walks the chain from the first link and names the first one that no longer holds: an
 * entry edited or deleted in the database, a link removed or reordered. Entries written in the last
 * moments are not sealed yet; an entry left unsealed for longer is reported too.
 */

// The previous hash of the first link (the walk in SQL writes it as decode(repeat('00', 32), 'hex')).
const genesis: Buffer = Buffer.alloc(32);
const linkHash = (previous: Buffer, digest: Buffer, textDigest: Buffer) =>
  createHash("sha256").update(previous).update(digest).update(textDigest).digest();

/** Entries sealed in one transaction: a short one, so sealing never holds anything for long. */
const sealBatch = 5_000;
/** How far below the newest sealed entry to look for entries that committed late. */
const lateWindow = 100_000;

/**
 * Seals every entry not yet in the chain (a few thousand at a time), in id order within what it
 * finds. Sealers take turns through an advisory lock; returns how many it sealed.
 */
export async function sealAuditLog(db: Database): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_chain'))`);
      const [head] = await tx.execute<{ seq: number; hash: Buffer; entry_id: number }>(
        sql`select seq::float8 as seq, hash, entry_id::float8 as entry_id from audit_chain order by seq desc limit 1`,
      );
      const unsealed = await tx.execute<{ id: number; digest: Buffer; text_digest: Buffer }>(sql`
        select a.id::float8 as id, audit_entry_digest(a) as digest, audit_entry_text_digest(a) as text_digest
        from audit_log a
        where a.id > ${Math.max(0, (head?.entry_id ?? 0) - lateWindow)}
          and not exists (select 1 from audit_chain c where c.entry_id = a.id)
        order by a.id
        limit ${sealBatch}`);
      if (unsealed.length === 0) return 0;
      let previous: Buffer = head?.hash ?? genesis;
      let seq = head?.seq ?? 0;
      const links = unsealed.map((entry) => {
        const hash = linkHash(previous, entry.digest, entry.text_digest);
        const link = {
          seq: ++seq,
          entryId: entry.id,
          digest: entry.digest,
          textDigest: entry.text_digest,
          prevHash: previous,
          hash,
        };
        previous = hash;
        return link;
      });
      // Hashes travel as hex: bytea inside an array literal would need its own escaping.
      const hex = (pick: (link: (typeof links)[number]) => Buffer) =>
        sql.param(links.map((l) => pick(l).toString("hex")));
      await tx.execute(sql`
        insert into audit_chain (seq, entry_id, entry_digest, text_digest, prev_hash, hash)
        select l.seq, l.entry_id, decode(l.digest, 'hex'), decode(l.text_digest, 'hex'), decode(l.prev_hash, 'hex'),
          decode(l.hash, 'hex')
        from unnest(
          ${sql.param(links.map((l) => l.seq))}::bigint[],
          ${sql.param(links.map((l) => l.entryId))}::bigint[],
          ${hex((l) => l.digest)}::text[],
          ${hex((l) => l.textDigest)}::text[],
          ${hex((l) => l.prevHash)}::text[],
          ${hex((l) => l.hash)}::text[]) as l(seq, entry_id, digest, text_digest, prev_hash, hash)`);
      return links.length;
    });
    sealed += count;
    if (count < sealBatch) return sealed;
  }
}

export type ChainProblem =
  | "entry_changed" // the entry's content is not what was sealed
  | "entry_missing" // the sealed entry is gone
  | "link_changed" // the link's own hash does not follow from its previous hash and digest
  | "link_missing" // a link is missing or out of order (the previous hash is not the link before)
  | "unsealed"; // an entry older than a few minutes was never sealed

export interface ChainVerification {
  intact: boolean;
  /** Links checked. */
  entries: number;
  /** The last link: an auditor who wrote it down can check that the chain still ends there or later. */
  head: { seq: number; entryId: number; hash: string; sealedAt: Date } | null;
  /** The first link that does not hold, with the entry it seals. */
  firstBroken: { seq: number; entryId: number; problem: ChainProblem } | null;
  /** Entries in which a deleted person's values were erased (each still as sealed). */
  erasedEntries: number;
  checkedAt: Date;
}

type Broken = NonNullable<ChainVerification["firstBroken"]>;

/**
 * The chain walked in order, by the database (a window over the links, in seq order): the first
 * link not in its place, not pointing at the link before it, or whose hash does not follow from
 * its previous hash and digest. Also how many links there are.
 */
async function walkLinks(db: DbOrTx): Promise<{ broken: Broken | null; links: number }> {
  const [first] = await db.execute<{ seq: number; entry_id: number; expected: number; in_place: boolean }>(sql`
    select seq::float8 as seq, entry_id::float8 as entry_id, expected::float8 as expected,
      seq = expected and prev_hash = previous as in_place
    from (
      select seq, entry_id, prev_hash, hash, entry_digest, text_digest,
        coalesce(lag(seq) over links, 0) + 1 as expected,
        coalesce(lag(hash) over links, decode(repeat('00', 32), 'hex')) as previous
      from audit_chain window links as (order by seq)) walked
    where seq <> expected or prev_hash <> previous or hash <> sha256(prev_hash || entry_digest || text_digest)
    order by seq
    limit 1`);
  if (first)
    return {
      broken: first.in_place
        ? { seq: first.seq, entryId: first.entry_id, problem: "link_changed" }
        : { seq: first.expected, entryId: first.entry_id, problem: "link_missing" },
      links: first.expected - 1,
    };
  const [count] = await db.execute<{ links: number }>(sql`select count(*)::float8 as links from audit_chain`);
  return { broken: null, links: count?.links ?? 0 };
}

/**
 * The first sealed entry that is gone or no longer what was sealed, and how many carry an erasure:
 * one query over the whole log, which PostgreSQL may spread over several workers. An untouched
 * entry is checked by its text digest alone; one whose text differs is checked value by value, and
 * holds when only erasures changed it.
 */
async function entriesAsSealed(db: DbOrTx): Promise<{ broken: Broken | null; erased: number }> {
  // An aggregate, not ORDER BY … LIMIT 1: the planner then joins by hash over parallel scans
  // instead of probing the log a million times.
  // (Also when the statistics are behind, right after many entries, nested loops are ruled out.)
  const [first] = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_nestloop = off`);
    // The text digest is taken once per entry (in WHERE); the value-by-value digest only for the
    // few whose text differs.
    return tx.execute<{ seq: number | null; erased: number }>(sql`
      select min(seq) filter (where not erased)::float8 as seq, count(*) filter (where erased)::float8 as erased
      from (
        select c.seq, a.id is not null and audit_entry_digest(a) = c.entry_digest as erased
        from audit_chain c left join audit_log a on a.id = c.entry_id
        where a.id is null or audit_entry_text_digest(a) <> c.text_digest) changed`);
  });
  const erased = first?.erased ?? 0;
  if (first?.seq == null) return { broken: null, erased };
  const [row] = await db.execute<{ entry_id: number; missing: boolean }>(sql`
    select c.entry_id::float8 as entry_id, a.id is null as missing
    from audit_chain c left join audit_log a on a.id = c.entry_id where c.seq = ${first.seq}`);
  return {
    broken: { seq: first.seq, entryId: row!.entry_id, problem: row!.missing ? "entry_missing" : "entry_changed" },
    erased,
  };
}

/**
 * Verifies the whole trail and names the first broken link: the chain walked in order, every
 * entry checked against the digest it was sealed with (both at once), then the entries left out
 * of the chain. All of it runs in the database: nothing of the log travels to be checked.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerification> {
  const [walk, sealed] = await Promise.all([walkLinks(db), entriesAsSealed(db)]);
  let firstBroken =
    [walk.broken, sealed.broken].filter((b): b is Broken => b !== null).sort((x, y) => x.seq - y.seq)[0] ?? null;
  if (!firstBroken) {
    // Written more than ten minutes ago and still outside the chain: left out on purpose, or
    // removed from it and the links after it rewritten.
    const [stray] = await db.execute<{ id: number }>(sql`
      select a.id::float8 as id from audit_log a
      where a.at < now() - interval '10 minutes' and not exists (select 1 from audit_chain c where c.entry_id = a.id)
      order by a.id limit 1`);
    if (stray) firstBroken = { seq: walk.links + 1, entryId: stray.id, problem: "unsealed" };
  }
  const entries = firstBroken && firstBroken.problem !== "unsealed" ? firstBroken.seq - 1 : walk.links;
  const [last] =
    entries > 0
      ? await db.execute<{ seq: number; entry_id: number; hash: Buffer; sealed_at: Date }>(sql`
          select seq::float8 as seq, entry_id::float8 as entry_id, hash, sealed_at from audit_chain where seq = ${entries}`)
      : [];
  return {
    intact: firstBroken === null,
    entries,
    head: last
      ? { seq: last.seq, entryId: last.entry_id, hash: last.hash.toString("hex"), sealedAt: last.sealed_at }
      : null,
    firstBroken,
    erasedEntries: sealed.erased,
    checkedAt: new Date(),
  };
}
