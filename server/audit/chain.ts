import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { anchorFields, anchorKeyId, chainMac, macHolds } from "./anchors";

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

/** The sealer's refusal to build on a head link nothing vouches for (see anchors.ts). */
export class ChainNotAnchored extends Error {}

/** An anchor as the worker writes it to its log: a copy outside the database. */
export interface AnchorRecord {
  seq: number;
  hash: string;
  keyId: string;
  mac: string;
}

/**
 * The head link must be the one last anchored: otherwise the links were rewritten behind the app
 * (or their anchors removed), and sealing on would anchor the rewrite. Before the first anchor ever
 * (an installation from before anchors), the head is taken as it is and anchored now.
 */
async function assertHeadAnchored(tx: DbOrTx, head: { seq: number; hash: Buffer }): Promise<"anchored" | "first"> {
  const [anchor] = await tx.execute<{ hash: Buffer; key_id: string; mac: Buffer }>(
    sql`select hash, key_id, mac from audit_anchors where seq = ${head.seq}`,
  );
  if (anchor) {
    if (
      anchor.hash.equals(head.hash) &&
      macHolds(anchor.mac, anchor.key_id, "anchor", anchorFields(head.seq, anchor.hash))
    )
      return "anchored";
    throw new ChainNotAnchored(`link #${head.seq} is not what was anchored`);
  }
  const [any] = await tx.execute<{ found: boolean }>(sql`select exists (select 1 from audit_anchors) as found`);
  if (any?.found) throw new ChainNotAnchored(`link #${head.seq}, the chain's head, has no anchor`);
  return "first";
}

async function anchor(tx: DbOrTx, seq: number, hash: Buffer): Promise<AnchorRecord> {
  const mac = chainMac("anchor", anchorFields(seq, hash));
  const keyId = anchorKeyId();
  await tx.execute(sql`
    insert into audit_anchors (seq, hash, key_id, mac)
    values (${seq}, decode(${hash.toString("hex")}, 'hex'), ${keyId}, decode(${mac.toString("hex")}, 'hex'))`);
  return { seq, hash: hash.toString("hex"), keyId, mac: mac.toString("hex") };
}

/**
 * Seals every entry not yet in the chain (a few thousand at a time), in id order within what it
 * finds, and anchors the last link of each batch in the same transaction. Sealers take turns
 * through an advisory lock; returns how many it sealed. Refuses (ChainNotAnchored) to build on a
 * head link that is not the one last anchored.
 */
export async function sealAuditLog(
  db: Database,
  options: { onAnchor?: (anchor: AnchorRecord) => void } = {},
): Promise<number> {
  let sealed = 0;
  for (;;) {
    const { count, anchored } = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_chain'))`);
      const [head] = await tx.execute<{ seq: number; hash: Buffer; entry_id: number }>(
        sql`select seq::float8 as seq, hash, entry_id::float8 as entry_id from audit_chain order by seq desc limit 1`,
      );
      const headState = head ? await assertHeadAnchored(tx, head) : "anchored";
      const unsealed = await tx.execute<{ id: number; digest: Buffer; text_digest: Buffer }>(sql`
        select a.id::float8 as id, audit_entry_digest(a) as digest, audit_entry_text_digest(a) as text_digest
        from audit_log a
        where a.id > ${Math.max(0, (head?.entry_id ?? 0) - lateWindow)}
          and not exists (select 1 from audit_chain c where c.entry_id = a.id)
        order by a.id
        limit ${sealBatch}`);
      if (unsealed.length === 0)
        return { count: 0, anchored: head && headState === "first" ? await anchor(tx, head.seq, head.hash) : null };
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
      return { count: links.length, anchored: await anchor(tx, seq, previous) };
    });
    if (anchored) options.onAnchor?.(anchored);
    sealed += count;
    if (count < sealBatch) return sealed;
  }
}

export type ChainProblem =
  | "entry_changed" // the entry's content is not what was sealed
  | "entry_missing" // the sealed entry is gone
  | "link_changed" // the link's own hash does not follow from its previous hash and digest
  | "link_missing" // a link is missing or out of order (the previous hash is not the link before)
  | "anchor_changed" // the link is not what was anchored (or verified) outside the database
  | "unanchored" // links sealed a while ago that no anchor vouches for
  | "unsealed"; // an entry older than a few minutes was never sealed

export interface ChainVerification {
  intact: boolean;
  /** The whole trail from its first link, or on from the last link an intact check reached. */
  whole: boolean;
  /** The last link the check started after (0 for the whole trail). */
  fromSeq: number;
  /** Links that hold (all of them before the first broken one). */
  entries: number;
  /** The last link: an auditor who wrote it down can check that the chain still ends there or later. */
  head: { seq: number; entryId: number; hash: string; sealedAt: Date } | null;
  /** The first link that does not hold, with the entry it seals. */
  firstBroken: { seq: number; entryId: number; problem: ChainProblem } | null;
  /** Entries checked by this run in which a deleted person's values were erased (each still as sealed). */
  erasedEntries: number;
  checkedAt: Date;
}

type Broken = NonNullable<ChainVerification["firstBroken"]>;
/** Where a check starts: after this link, whose hash the next link must point at. */
interface Start {
  seq: number;
  hash: Buffer;
  entryId: number;
}
const fromGenesis: Start = { seq: 0, hash: genesis, entryId: 0 };
/** Links and entries this long in the past must be sealed and anchored. */
const settleInterval = sql`interval '10 minutes'`;

/**
 * The chain walked in order after the start, by the database (a window over the links, in seq
 * order): the first link not in its place, not pointing at the link before it, or whose hash does
 * not follow from its previous hash and digest. Also the last link.
 */
async function walkLinks(db: DbOrTx, start: Start): Promise<{ broken: Broken | null; links: number }> {
  const startHash = start.hash.toString("hex");
  const [first] = await db.execute<{ seq: number; entry_id: number; expected: number; in_place: boolean }>(sql`
    select seq::float8 as seq, entry_id::float8 as entry_id, expected::float8 as expected,
      seq = expected and prev_hash = previous as in_place
    from (
      select seq, entry_id, prev_hash, hash, entry_digest, text_digest,
        coalesce(lag(seq) over links, ${start.seq}) + 1 as expected,
        coalesce(lag(hash) over links, decode(${startHash}, 'hex')) as previous
      from audit_chain where seq > ${start.seq} window links as (order by seq)) walked
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
  const [last] = await db.execute<{ links: number }>(
    sql`select coalesce(max(seq), ${start.seq})::float8 as links from audit_chain where seq > ${start.seq}`,
  );
  return { broken: null, links: last?.links ?? start.seq };
}

/**
 * The first sealed entry after the start that is gone or no longer what was sealed, and how many
 * carry an erasure: one query, which PostgreSQL may spread over several workers. An untouched entry
 * is checked by its text digest alone; one whose text differs is checked value by value, and holds
 * when only erasures changed it.
 */
async function entriesAsSealed(db: DbOrTx, start: Start): Promise<{ broken: Broken | null; erased: number }> {
  // An aggregate, not ORDER BY … LIMIT 1: over the whole trail the planner then joins by hash over
  // parallel scans instead of probing the log a million times (also when the statistics are
  // behind, right after many entries, nested loops are ruled out). A check on from the last one
  // reads few links, and probing is then what it should do.
  const [first] = await db.transaction(async (tx) => {
    if (start.seq === 0) await tx.execute(sql`set local enable_nestloop = off`);
    // The text digest is taken once per entry (in WHERE); the value-by-value digest only for the
    // few whose text differs.
    return tx.execute<{ seq: number | null; erased: number }>(sql`
      select min(seq) filter (where not erased)::float8 as seq, count(*) filter (where erased)::float8 as erased
      from (
        select c.seq, a.id is not null and audit_entry_digest(a) = c.entry_digest as erased
        from audit_chain c left join audit_log a on a.id = c.entry_id
        where c.seq > ${start.seq} and (a.id is null or audit_entry_text_digest(a) <> c.text_digest)) changed`);
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
 * The anchors from the start on (and the intact verifications, which vouch for a link the same
 * way), each checked against its MAC and against the link it names; then the links sealed a while
 * ago after the last anchor. A rewritten chain shows here even when every link follows from the one
 * before it.
 */
async function anchorsHold(db: DbOrTx, start: Start): Promise<Broken | null> {
  const anchors = await db.execute<{
    seq: number;
    hash: Buffer;
    key_id: string;
    mac: Buffer;
    chain_hash: Buffer | null;
    entry_id: number | null;
  }>(sql`
    select an.seq::float8 as seq, an.hash, an.key_id, an.mac, c.hash as chain_hash, c.entry_id::float8 as entry_id
    from audit_anchors an left join audit_chain c on c.seq = an.seq
    where an.seq >= ${start.seq}
    order by an.seq`);
  let firstBroken: Broken | null = null;
  let lastAnchored = 0;
  for (const a of anchors) {
    const holds =
      a.chain_hash !== null &&
      a.chain_hash.equals(a.hash) &&
      macHolds(a.mac, a.key_id, "anchor", anchorFields(a.seq, a.hash));
    if (!holds) {
      firstBroken = { seq: a.seq, entryId: a.entry_id ?? 0, problem: "anchor_changed" };
      break;
    }
    lastAnchored = a.seq;
  }
  if (!firstBroken) {
    const verified = await db.execute<{
      seq: number;
      hash: Buffer;
      chain_hash: Buffer | null;
      entry_id: number | null;
    }>(sql`
      select v.through_seq::float8 as seq, v.through_hash as hash, c.hash as chain_hash, c.entry_id::float8 as entry_id
      from audit_verifications v left join audit_chain c on c.seq = v.through_seq
      where v.intact and v.through_seq >= ${start.seq} and v.through_hash is not null
      order by v.through_seq`);
    const changed = verified.find((v) => v.chain_hash === null || !v.chain_hash.equals(v.hash));
    if (changed) firstBroken = { seq: changed.seq, entryId: changed.entry_id ?? 0, problem: "anchor_changed" };
  }
  // Every batch is anchored as it is sealed: links settled a while ago after the last good anchor
  // were sealed by someone else, or their anchors removed.
  const [loose] = await db.execute<{ seq: number; entry_id: number }>(sql`
    select seq::float8 as seq, entry_id::float8 as entry_id from audit_chain
    where seq > ${Math.max(lastAnchored, start.seq)} and sealed_at < now() - ${settleInterval}
    order by seq limit 1`);
  const unanchored: Broken | null = loose ? { seq: loose.seq, entryId: loose.entry_id, problem: "unanchored" } : null;
  return [firstBroken, unanchored].filter((b): b is Broken => b !== null).sort((x, y) => x.seq - y.seq)[0] ?? null;
}

/**
 * Where a check on from the last one starts: the last link an intact verification reached, if its
 * record's MAC holds and the link is still what it verified; otherwise the first link.
 */
async function lastVerifiedLink(db: DbOrTx): Promise<Start> {
  const [last] = await db.execute<{
    whole: boolean;
    from_seq: number;
    through_seq: number;
    through_hash: Buffer;
    key_id: string;
    mac: Buffer;
    chain_hash: Buffer | null;
    entry_id: number | null;
  }>(sql`
    select v.whole, v.from_seq::float8 as from_seq, v.through_seq::float8 as through_seq, v.through_hash, v.key_id,
      v.mac, c.hash as chain_hash, c.entry_id::float8 as entry_id
    from audit_verifications v left join audit_chain c on c.seq = v.through_seq
    where v.intact and v.through_hash is not null
    order by v.through_seq desc, v.id desc limit 1`);
  if (
    !last ||
    last.chain_hash === null ||
    !last.chain_hash.equals(last.through_hash) ||
    !macHolds(
      last.mac,
      last.key_id,
      "verification",
      verificationFields(last.whole, last.from_seq, last.through_seq, last.through_hash, true),
    )
  )
    return fromGenesis;
  return { seq: last.through_seq, hash: last.through_hash, entryId: last.entry_id ?? 0 };
}

/** A verification record's MAC covers what it started from, where it ended, and its verdict. */
export const verificationFields = (
  whole: boolean,
  fromSeq: number,
  throughSeq: number,
  hash: Buffer | null,
  intact: boolean,
) => [whole, fromSeq, throughSeq, hash?.toString("hex") ?? "", intact];

/**
 * Verifies the trail and names the first broken link: the chain walked in order, every entry
 * checked against the digest it was sealed with, the anchors against their MACs and links, then the
 * entries left out of the chain. The whole trail, or on from the last link an intact check reached
 * (the entries before it were checked then, and the app cannot change them since). All of it runs
 * in the database: nothing of the log travels to be checked.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { whole: boolean } = { whole: true },
): Promise<ChainVerification> {
  const start = options.whole ? fromGenesis : await lastVerifiedLink(db);
  const [walk, sealed, anchors] = await Promise.all([
    walkLinks(db, start),
    entriesAsSealed(db, start),
    anchorsHold(db, start),
  ]);
  let firstBroken =
    [walk.broken, sealed.broken, anchors].filter((b): b is Broken => b !== null).sort((x, y) => x.seq - y.seq)[0] ??
    null;
  if (!firstBroken) {
    // Written more than ten minutes ago and still outside the chain: left out on purpose, or
    // removed from it and the links after it rewritten.
    const [stray] = await db.execute<{ id: number }>(sql`
      select a.id::float8 as id from audit_log a
      where a.id > ${Math.max(0, start.entryId - lateWindow)} and a.at < now() - ${settleInterval}
        and not exists (select 1 from audit_chain c where c.entry_id = a.id)
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
    whole: start.seq === 0,
    fromSeq: start.seq,
    entries,
    head: last
      ? { seq: last.seq, entryId: last.entry_id, hash: last.hash.toString("hex"), sealedAt: last.sealed_at }
      : null,
    firstBroken,
    erasedEntries: sealed.erased,
    checkedAt: new Date(),
  };
}
