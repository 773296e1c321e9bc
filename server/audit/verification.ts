import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { DomainError } from "../domain-error";
import { anchorKeyId, chainMac, macHolds } from "./anchors";
import { ChainNotAnchored, sealAuditLog, verificationFields, verifyAuditChain, type ChainVerification } from "./chain";
import { recordAudit, type AuditContext } from "./record-audit";

/** A whole check reads every entry (seconds on a large trail): one asked for a minute, for the installation. */
export const wholeCheckInterval = 60;

/**
 * Seals what is not sealed yet, then verifies the trail (the whole of it, or on from the last link
 * an intact check reached) and records the result twice: as a MAC'd verification record, where the
 * next check starts, and as an audit entry. One check at a time for the installation.
 */
export async function runVerification(
  db: Database,
  by: AuditContext,
  options: { whole: boolean },
): Promise<ChainVerification> {
  try {
    await sealAuditLog(db);
  } catch (error) {
    // A head that nothing vouches for is what the check below reports, with where it starts.
    if (!(error instanceof ChainNotAnchored)) throw error;
  }
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtext('audit_verify')) as locked`,
    );
    if (!lock?.locked)
      throw new DomainError("TOO_MANY_REQUESTS", "A check of the audit trail is running. Try again when it has ended.");
    if (options.whole) {
      const [recent] = await tx.execute<{ checked_at: Date }>(sql`
        select checked_at from audit_verifications
        where whole and checked_at > now() - make_interval(secs => ${wholeCheckInterval})
        order by id desc limit 1`);
      if (recent)
        throw new DomainError(
          "TOO_MANY_REQUESTS",
          "The whole trail was checked less than a minute ago. Check what was added since, or check the whole trail again in a minute.",
        );
    }
    const result = await verifyAuditChain(tx, options);
    const throughHash = result.head ? Buffer.from(result.head.hash, "hex") : null;
    // Recorded as asked: a first check reads every link without having been asked to.
    const mac = chainMac(
      "verification",
      verificationFields(options.whole, result.fromSeq, result.entries, throughHash, result.intact),
    );
    await tx.execute(sql`
      insert into audit_verifications
        (whole, from_seq, through_seq, through_hash, intact, first_broken, erased_entries, key_id, mac)
      values (${options.whole}, ${result.fromSeq}, ${result.entries},
        ${throughHash ? sql`decode(${throughHash.toString("hex")}, 'hex')` : null}, ${result.intact},
        ${result.firstBroken ? JSON.stringify(result.firstBroken) : null}::jsonb, ${result.erasedEntries}, ${anchorKeyId()},
        decode(${mac.toString("hex")}, 'hex'))`);
    await recordAudit(tx, by, {
      action: "audit.verified",
      targetType: "audit_chain",
      targetId: result.head ? String(result.head.seq) : null,
      after: {
        intact: result.intact,
        whole: result.whole,
        fromLink: result.fromSeq,
        entries: result.entries,
        head: result.head?.hash ?? null,
        firstBroken: result.firstBroken,
      },
    });
    return result;
  });
}

export interface LastVerification {
  intact: boolean;
  /** Every link was read (asked for, or the first check). */
  whole: boolean;
  fromSeq: number;
  throughSeq: number;
  throughHash: string | null;
  firstBroken: ChainVerification["firstBroken"];
  checkedAt: Date;
  /** Its record's MAC holds: it was written by this installation's app, not in the database. */
  vouched: boolean;
}

/** The latest check's result, for the admins who read the trail but do not run checks. */
export async function lastVerification(db: Database): Promise<LastVerification | null> {
  const [row] = await db.execute<{
    intact: boolean;
    whole: boolean;
    from_seq: number;
    through_seq: number;
    through_hash: Buffer | null;
    first_broken: ChainVerification["firstBroken"];
    key_id: string;
    mac: Buffer;
    checked_at: Date;
  }>(sql`
    select intact, whole, from_seq::float8 as from_seq, through_seq::float8 as through_seq, through_hash,
      first_broken, key_id, mac, checked_at
    from audit_verifications order by id desc limit 1`);
  if (!row) return null;
  return {
    intact: row.intact,
    whole: row.from_seq === 0,
    fromSeq: row.from_seq,
    throughSeq: row.through_seq,
    throughHash: row.through_hash?.toString("hex") ?? null,
    firstBroken: row.first_broken,
    checkedAt: row.checked_at,
    vouched: macHolds(
      row.mac,
      row.key_id,
      "verification",
      verificationFields(row.whole, row.from_seq, row.through_seq, row.through_hash, row.intact),
    ),
  };
}
