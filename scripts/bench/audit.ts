/**
 * `npm run bench -- --audit`: the audit trail's figures on a fresh database.
 *  - the cost of an audit entry to a mutation: a user's personal data updated in a transaction,
 *    with and without its entry (the same transaction otherwise), p50/p95 over 2,000 each;
 *  - 1,000,000 entries (set-based, their `before` and `after` like a user's edit), sealed into the
 *    hash chain, then the chain verified end to end, as `npm run audit:verify` does;
 *  - one person deleted and erased from among them (the audit-erase job's pass), and the chain
 *    verified again;
 *  - an owner admin's check on from the last one after 1,000 more entries, beside a check of the
 *    whole trail in the same run.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { sealAuditLog, verifyAuditChain } from "../../server/audit/chain";
import { eraseFromAuditTrail } from "../../server/audit/erasure";
import { runVerification } from "../../server/audit/verification";
import { recordAudit } from "../../server/audit/record-audit";
import { createDatabase } from "../../server/db/client";
import { auditErasures, users } from "../../server/db/schema";
import { stopEnqueueing } from "../../server/jobs/enqueue";
import { deleteUser, setSuspended } from "../../server/users/manage-user";
import { seedDemo } from "../../server/demo/seed-demo";
import { percentile } from "./measure";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";

export async function benchAudit(entries: number): Promise<Record<string, unknown>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-audit-"));
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  try {
    await pg.createDatabase("audit");
    const url = pg.urlFor("audit");
    Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url") });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 4 });
    const demo = (await seedDemo(db))!;
    const context = { actorId: demo.users.customer, ip: "192.0.2.10" };

    // 1. A mutation with and without its audit entry, interleaved so both meet the same machine.
    const without: number[] = [];
    const withEntry: number[] = [];
    const entryAlone: number[] = [];
    for (let i = 0; i < 2_200; i++) {
      for (const audited of [false, true]) {
        const started = performance.now();
        await db.transaction(async (tx) => {
          const [before] = await tx.select().from(users).where(eq(users.id, demo.users.product)).for("update");
          const [after] = await tx
            .update(users)
            .set({ position: `Cardiac nurse ${i}`, updatedAt: new Date() })
            .where(eq(users.id, demo.users.product))
            .returning();
          const entryStarted = performance.now();
          if (audited)
            await recordAudit(tx, context, {
              action: "user.updated",
              targetType: "user",
              targetId: demo.users.product,
              before: { position: before?.position },
              after: { position: after?.position },
            });
          if (audited && i >= 200) entryAlone.push(performance.now() - entryStarted);
        });
        // The first 200 of each warm up the connection and the plans.
        if (i >= 200) (audited ? withEntry : without).push(performance.now() - started);
      }
    }
    const mutation = {
      samples: withEntry.length,
      without_entry: { p50_ms: percentile(without, 50), p95_ms: percentile(without, 95) },
      with_entry: { p50_ms: percentile(withEntry, 50), p95_ms: percentile(withEntry, 95) },
      entry_adds_p95_ms: Number((percentile(withEntry, 95) - percentile(without, 95)).toFixed(3)),
      // The entry's own insert, timed inside the transaction: what it adds, without the noise of
      // two whole distributions.
      entry_itself: { p50_ms: percentile(entryAlone, 50), p95_ms: percentile(entryAlone, 95) },
    };

    // 2. A million entries, sealed, then verified.
    const filled = performance.now();
    await db.execute(sql`
      insert into audit_log (actor_id, action, target_type, target_id, before, after, ip)
      select ${demo.users.customer}, 'user.updated', 'user', ${demo.users.product},
        jsonb_build_object('position', 'Nurse ' || g, 'phone', '+47 555 ' || g),
        jsonb_build_object('position', 'Cardiac nurse ' || g, 'phone', '+47 555 ' || (g + 1)),
        '192.0.2.' || (g % 250)
      from generate_series(1, ${entries}) g`);
    const fillSeconds = (performance.now() - filled) / 1000;
    const sealStarted = performance.now();
    const sealed = await sealAuditLog(db);
    const sealSeconds = (performance.now() - sealStarted) / 1000;
    const verifyStarted = performance.now();
    const result = await verifyAuditChain(db);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    // Again once the tables' statistics are current, as in an installation that grew to this size.
    await db.execute(sql`analyze audit_log`);
    await db.execute(sql`analyze audit_chain`);
    const settledStarted = performance.now();
    const settled = await verifyAuditChain(db);
    const settledSeconds = (performance.now() - settledStarted) / 1000;

    // 3. One person deleted and erased from the million: their entries found among them, their
    // values replaced by digests; then the chain verified again.
    const owner = { actorId: demo.users.owner, ip: "192.0.2.1" };
    const [person] = await db.select().from(users).where(eq(users.id, demo.users.clinicUser));
    await setSuspended(db, owner, person!.id, true);
    await setSuspended(db, owner, person!.id, false);
    await deleteUser(db, owner, person!.id, { typedEmail: person!.email });
    const eraseStarted = performance.now();
    await eraseFromAuditTrail(db);
    const eraseSeconds = (performance.now() - eraseStarted) / 1000;
    const [erasure] = await db.select().from(auditErasures).where(eq(auditErasures.personId, person!.id));
    await sealAuditLog(db);
    const afterErasureStarted = performance.now();
    const afterErasure = await verifyAuditChain(db);
    const afterErasureSeconds = (performance.now() - afterErasureStarted) / 1000;
    // 4. A check on from the last one, against the whole trail in the same run: an owner admin's
    // check after a day's entries (1,000 more), beside a check of every entry.
    await runVerification(db, owner, { whole: true });
    await db.execute(sql`
      insert into audit_log (actor_id, action, target_type, target_id, after, ip)
      select ${demo.users.customer}, 'user.updated', 'user', ${demo.users.product},
        jsonb_build_object('position', 'Ward nurse ' || g), '192.0.2.1'
      from generate_series(1, 1000) g`);
    await sealAuditLog(db);
    const sinceStarted = performance.now();
    const since = await runVerification(db, owner, { whole: false });
    const sinceSeconds = (performance.now() - sinceStarted) / 1000;
    const wholeStarted = performance.now();
    const whole = await verifyAuditChain(db, { whole: true });
    const wholeSeconds = (performance.now() - wholeStarted) / 1000;
    await stopEnqueueing();
    await close();
    return {
      check_since_last: {
        entries_read: since.entries - since.fromSeq,
        seconds: Number(sinceSeconds.toFixed(3)),
        whole_trail_seconds_same_run: Number(wholeSeconds.toFixed(2)),
        ratio_whole_to_since: Number((wholeSeconds / sinceSeconds).toFixed(1)),
        intact: since.intact && whole.intact,
      },
      mutation,
      chain: {
        entries: result.entries,
        filled_in_seconds: Number(fillSeconds.toFixed(1)),
        sealed,
        sealed_in_seconds: Number(sealSeconds.toFixed(1)),
        verified_in_seconds_right_after: Number(verifySeconds.toFixed(2)),
        verified_in_seconds_statistics_current: Number(settledSeconds.toFixed(2)),
        intact: result.intact && settled.intact,
      },
      erasure: {
        entries_erased: erasure?.entriesErased ?? null,
        erased_in_seconds: Number(eraseSeconds.toFixed(2)),
        verified_in_seconds_after: Number(afterErasureSeconds.toFixed(2)),
        intact_after: afterErasure.intact,
      },
    };
  } finally {
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
