import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx } from "../db/client";
import { auditChain, auditLog } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { sealAuditLog, verifyAuditChain } from "./chain";
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
  it("refuses UPDATE, DELETE and TRUNCATE on the log and on its chain, and changes nothing", async () => {
    const [entry] = await db.select().from(auditLog).limit(1);
    const refusals = [
      sql`update audit_log set action = 'nothing happened' where id = ${entry!.id}`,
      sql`delete from audit_log where id = ${entry!.id}`,
      sql`truncate audit_log`,
      sql`update audit_chain set hash = '\\x00' where entry_id = ${entry!.id}`,
      sql`delete from audit_chain`,
      sql`truncate audit_chain`,
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
