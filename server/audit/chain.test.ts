import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database, DbOrTx } from "../db/client";
import { auditChain, auditLog } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { ChainNotAnchored, sealAuditLog, verifyAuditChain } from "./chain";
import { runVerification } from "./verification";
import { recordAudit } from "./record-audit";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  // A few real changes, each with its entry.
  const owner = callerFor(db, demo.users.owner);
  await owner.users.setSuspended({ userId: demo.users.notInvited, suspended: true });
  await owner.users.setSuspended({ userId: demo.users.notInvited, suspended: false });
  await sealAuditLog(db);
});

class RolledBack extends Error {}

/**
 * What someone with the database's superuser rights could do behind the app (triggers off), seen
 * by `check` inside the same transaction, which is then rolled back: the database is left as it was.
 */
async function whileTampered(statements: ReturnType<typeof sql>[], check: (tx: DbOrTx) => Promise<void>) {
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const statement of statements) await tx.execute(statement);
      await check(tx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
}

describe("the audit trail is append-only, for the app's own database role", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on the log, its chain, its anchors and checks, and changes nothing", async () => {
    await runVerification(db, { actorId: demo.users.owner, ip: null }, { whole: false });
    const [entry] = await db.select().from(auditLog).limit(1);
    const refusals = [
      sql`update audit_log set action = 'nothing happened' where id = ${entry!.id}`,
      sql`delete from audit_log where id = ${entry!.id}`,
      sql`truncate audit_log`,
      sql`update audit_chain set hash = '\\x00' where entry_id = ${entry!.id}`,
      sql`delete from audit_chain`,
      sql`truncate audit_chain`,
      sql`update audit_anchors set mac = sha256(mac)`,
      sql`delete from audit_anchors`,
      sql`truncate audit_anchors`,
      sql`update audit_verifications set intact = true`,
      sql`delete from audit_verifications`,
      sql`truncate audit_verifications`,
    ];
    for (const statement of refusals)
      await expect(db.execute(statement)).rejects.toMatchObject({
        cause: expect.objectContaining({ message: expect.stringMatching(/append-only/), code: "42501" }),
      });
    expect((await db.select().from(auditLog).where(eq(auditLog.id, entry!.id)))[0]).toEqual(entry);
  });

  it("time-stamps each entry by the database's clock, whatever the writer sends", async () => {
    const [row] = await db
      .insert(auditLog)
      .values({ action: "test.backdated", targetType: "test", targetId: null, at: new Date("2001-01-01T00:00:00Z") })
      .returning();
    expect(Math.abs(row!.at.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("the hash chain", () => {
  it("seals new entries and verifies intact, ending at the newest link", async () => {
    await recordAudit(
      db,
      { actorId: demo.users.owner, ip: "192.0.2.1" },
      {
        action: "test.sealed",
        targetType: "test",
        targetId: "x",
        after: { note: 'ünïcødé and "quotes"' },
      },
    );
    expect(await sealAuditLog(db)).toBeGreaterThan(0);
    expect(await sealAuditLog(db)).toBe(0);
    const result = await verifyAuditChain(db);
    const [entries] = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    expect(result).toMatchObject({ intact: true, entries: entries!.n, firstBroken: null });
    const [newest] = await db
      .select()
      .from(auditChain)
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(result.head).toMatchObject({ seq: newest!.seq, hash: newest!.hash.toString("hex") });
  });

  it("an entry edited behind the app is named: the first broken link and its entry", async () => {
    await sealAuditLog(db);
    const [target] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(2).limit(1);
    await whileTampered(
      [sql`update audit_log set after = '{"suspended": false}'::jsonb where id = ${target!.entryId}`],
      async (tx) => {
        expect(await verifyAuditChain(tx)).toMatchObject({
          intact: false,
          entries: target!.seq - 1,
          firstBroken: { seq: target!.seq, entryId: target!.entryId, problem: "entry_changed" },
        });
      },
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("an entry deleted behind the app, and a link removed, are named", async () => {
    await sealAuditLog(db);
    const [target] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(1).limit(1);
    await whileTampered([sql`delete from audit_log where id = ${target!.entryId}`], async (tx) => {
      expect((await verifyAuditChain(tx)).firstBroken).toEqual({
        seq: target!.seq,
        entryId: target!.entryId,
        problem: "entry_missing",
      });
    });
    // A link from the middle (the newest one removed reads as an entry not sealed yet, until ten
    // minutes have passed, or against the head an auditor wrote down).
    const [link] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(1).limit(1);
    await whileTampered([sql`delete from audit_chain where seq = ${link!.seq}`], async (tx) => {
      expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ seq: link!.seq, problem: "link_missing" });
    });
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("a link rewritten to match an edited entry no longer follows from the link before it", async () => {
    await sealAuditLog(db);
    const [link] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(2).limit(1);
    await whileTampered(
      [
        sql`update audit_log set action = 'user.reactivated' where id = ${link!.entryId}`,
        sql`update audit_chain c set entry_digest = audit_entry_digest(a), text_digest = audit_entry_text_digest(a)
            from audit_log a where a.id = c.entry_id and c.seq = ${link!.seq}`,
      ],
      async (tx) => {
        expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ seq: link!.seq, problem: "link_changed" });
      },
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("an entry kept out of the chain for more than ten minutes is reported", async () => {
    await sealAuditLog(db);
    await whileTampered(
      [
        sql`insert into audit_log (at, action, target_type) values (now() - interval '11 minutes', 'test.hidden', 'test')`,
      ],
      async (tx) => {
        const [hidden] = await tx.select().from(auditLog).where(eq(auditLog.action, "test.hidden"));
        expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ entryId: hidden!.id, problem: "unsealed" });
      },
    );
  });
});

/** Every link from `seq` on recomputed from the entries as they now are, as a forger would. */
const relinkFrom = (seq: number) => sql`
  do $$
  declare s bigint;
  begin
    for s in select c.seq from audit_chain c where c.seq >= ${sql.raw(String(seq))} order by c.seq loop
      update audit_chain c set entry_digest = audit_entry_digest(a), text_digest = audit_entry_text_digest(a),
        prev_hash = coalesce((select p.hash from audit_chain p where p.seq = s - 1), decode(repeat('00', 32), 'hex'))
      from audit_log a where a.id = c.entry_id and c.seq = s;
      update audit_chain c set hash = sha256(c.prev_hash || c.entry_digest || c.text_digest) where c.seq = s;
    end loop;
  end $$`;

describe("the chain's anchors, made with a key the database never holds", () => {
  it("name a chain recomputed after an edit, although every link follows from the one before it", async () => {
    await sealAuditLog(db);
    const [target] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(2).limit(1);
    await whileTampered(
      [sql`update audit_log set action = 'user.reactivated' where id = ${target!.entryId}`, relinkFrom(target!.seq)],
      async (tx) => {
        const result = await verifyAuditChain(tx);
        expect(result.intact).toBe(false);
        expect(result.firstBroken?.problem).toBe("anchor_changed");
        expect(result.firstBroken!.seq).toBeGreaterThanOrEqual(target!.seq);
        // The sealer will not anchor the rewrite by building on it.
        await tx.insert(auditLog).values({ action: "test.after_rewrite", targetType: "test", targetId: null });
        await expect(sealAuditLog(tx as unknown as Database)).rejects.toBeInstanceOf(ChainNotAnchored);
      },
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("name an anchor whose MAC was forged, and links sealed a while ago that no anchor vouches for", async () => {
    await sealAuditLog(db);
    const [head] = await db
      .select()
      .from(auditChain)
      .orderBy(sql`seq desc`)
      .limit(1);
    await whileTampered(
      [
        sql`delete from audit_anchors where seq = ${head!.seq}`,
        sql`insert into audit_anchors (seq, hash, key_id, mac) select seq, hash, 'forged', sha256(hash) from audit_chain where seq = ${head!.seq}`,
      ],
      async (tx) => {
        expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ seq: head!.seq, problem: "anchor_changed" });
      },
    );
    await whileTampered(
      [sql`delete from audit_anchors`, sql`update audit_chain set sealed_at = now() - interval '11 minutes'`],
      async (tx) => {
        expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ seq: 1, problem: "unanchored" });
      },
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });
});

describe("checks: on from the last one, or the whole trail, one at a time", () => {
  const byOwner = () => ({ actorId: demo.users.owner, ip: null });

  it("a check starts after the last link an intact check reached; the whole trail starts at the first", async () => {
    await recordAudit(db, byOwner(), { action: "test.before_check", targetType: "test", targetId: null });
    const first = await runVerification(db, byOwner(), { whole: false });
    expect(first).toMatchObject({ intact: true });
    await recordAudit(db, byOwner(), { action: "test.after_check", targetType: "test", targetId: null });
    const next = await runVerification(db, byOwner(), { whole: false });
    // The check itself is an entry: the next starts after it, and reads the two added since.
    expect(next).toMatchObject({ intact: true, whole: false, fromSeq: first.entries });
    expect(next.entries - next.fromSeq).toBe(2);
    // An entry checked before is not read again by a check of what was added since; the whole
    // trail's check (the nightly one) names it.
    const [old] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(1).limit(1);
    await whileTampered(
      [sql`update audit_log set action = 'nothing.happened' where id = ${old!.entryId}`],
      async (tx) => {
        expect((await verifyAuditChain(tx, { whole: false })).intact).toBe(true);
        expect((await verifyAuditChain(tx, { whole: true })).firstBroken).toMatchObject({
          seq: old!.seq,
          problem: "entry_changed",
        });
      },
    );
  });

  it("a forged record of an earlier check is not where a check starts", async () => {
    await runVerification(db, byOwner(), { whole: false });
    const [head] = await db
      .select()
      .from(auditChain)
      .orderBy(sql`seq desc`)
      .limit(1);
    const [old] = await db.select().from(auditChain).orderBy(auditChain.seq).offset(1).limit(1);
    await whileTampered(
      [
        sql`update audit_log set action = 'nothing.happened' where id = ${old!.entryId}`,
        sql`insert into audit_verifications (whole, from_seq, through_seq, through_hash, intact, key_id, mac)
            values (true, 0, ${head!.seq}, (select hash from audit_chain where seq = ${head!.seq}), true, 'forged', sha256('forged'))`,
      ],
      async (tx) => {
        // Only forged records vouch for the head, so the check goes back to the first link.
        await tx.execute(sql`delete from audit_verifications where key_id <> 'forged'`);
        expect(await verifyAuditChain(tx, { whole: false })).toMatchObject({
          whole: true,
          firstBroken: { seq: old!.seq, problem: "entry_changed" },
        });
      },
    );
  });

  it("refuses a second whole check within a minute, and any check while one runs", async () => {
    await runVerification(db, byOwner(), { whole: true }).catch(() => undefined);
    await expect(runVerification(db, byOwner(), { whole: true })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_verify'))`);
        await expect(runVerification(db, byOwner(), { whole: false })).rejects.toMatchObject({
          code: "TOO_MANY_REQUESTS",
          message: expect.stringMatching(/running/),
        });
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    expect((await runVerification(db, byOwner(), { whole: false })).intact).toBe(true);
  });
});
