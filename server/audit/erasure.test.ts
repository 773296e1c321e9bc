import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditErasures, auditLog, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { seedDemoBoards } from "../demo/seed-demo-boards";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { sealAuditLog, verifyAuditChain } from "./chain";
import { eraseFromAuditTrail } from "./erasure";
import { recordAudit } from "./record-audit";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await seedDemoBoards(db, demo);
});

/** Every value in every text or JSON column of every table that contains `term`, as "table.column". */
async function whereStored(term: string): Promise<string[]> {
  const columns = await db.execute<{ table: string; column: string }>(sql`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`);
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [hit] = await db.execute(
      sql`select 1 from ${sql.identifier(table)} where position(${term.toLowerCase()} in lower(${sql.identifier(column)}::text)) > 0 limit 1`,
    );
    if (hit) found.push(`${table}.${column}`);
  }
  return found;
}

describe("deleting a person erases their personal data, and the audit trail still verifies", () => {
  it("erases them from every table and from the trail's values, keeps every entry under their id, and the chain holds", async () => {
    const owner = callerFor(db, demo.users.owner);
    const person = demo.users.clinicUser;
    const [before] = await db.select().from(users).where(eq(users.id, person));
    const fullName = `${before!.firstName} ${before!.lastName}`;
    // Their history: changes to them, a sign-in of theirs, something they did from an address, a
    // record that names them by address only, and an entry about someone else.
    await owner.users.setSuspended({ userId: person, suspended: true });
    await owner.users.setSuspended({ userId: person, suspended: false });
    await db.execute(
      sql`insert into login_attempts (email, user_id, success, reason, ip) values (${before!.email}, ${person}, true, 'ok', '198.51.100.23')`,
    );
    await recordAudit(
      db,
      { actorId: person, ip: "198.51.100.23" },
      { action: "test.done_by_them", targetType: "test", targetId: "t1", after: { note: "a change of theirs" } },
    );
    await recordAudit(
      db,
      { actorId: demo.users.owner, ip: "192.0.2.1" },
      {
        action: "test.invitation",
        targetType: "invitation",
        targetId: "i1",
        after: { email: before!.email, firstName: before!.firstName, groupName: "Endoscopy unit", signedAs: fullName },
      },
    );
    await recordAudit(
      db,
      { actorId: demo.users.owner, ip: "192.0.2.1" },
      { action: "test.someone_else", targetType: "user", targetId: demo.users.product, after: { phone: "+47 1234" } },
    );
    // What others wrote about them: an admin's bell, a bulk operation's item and one they started,
    // a colleague's mention in a post, a note in someone else's record.
    await db.execute(sql`insert into notifications (recipient_id, kind, title, body)
      values (${demo.users.owner}, 'account_locked', ${`${fullName}'s account was locked`}, ${`${before!.email} failed five times.`})`);
    const [operation] = await db.execute<{ id: string }>(sql`
      insert into bulk_operations (kind, started_by, started_by_name, request_key, total, params)
      values ('invite', ${person}, ${fullName}, 'erasure-test-key', 1, ${JSON.stringify({ note: `for ${fullName}` })}::jsonb)
      returning id`);
    await db.execute(sql`insert into bulk_operation_items (operation_id, position, target_id, label)
      values (${operation!.id}, 0, ${person}, ${`${fullName} <${before!.email}>`})`);
    const [thread] = await db.execute<{ id: string; board_id: string }>(
      sql`select id, board_id from board_threads order by created_at limit 1`,
    );
    await db.execute(sql`insert into board_posts (thread_id, board_id, author_id, body)
      values (${thread!.id}, ${thread!.board_id}, ${demo.users.owner}, ${`Thanks @${fullName}, see you at the course.`})`);
    await db.execute(
      sql`update users set position = ${`Assistant to ${fullName.toUpperCase()}`} where id = ${demo.users.product}`,
    );
    const entriesAbout = async () =>
      (
        await db.execute<{ n: number }>(
          sql`select count(*)::int as n from audit_log where actor_id = ${person} or target_id = ${person}`,
        )
      )[0]!.n;
    const aboutBefore = await entriesAbout();
    const [unrelated] = await db.select().from(auditLog).where(eq(auditLog.action, "test.someone_else"));
    await sealAuditLog(db);
    const sealed = await verifyAuditChain(db);
    expect(sealed.intact).toBe(true);
    expect(await whereStored(before!.email)).not.toEqual([]);

    await owner.users.delete({ userId: person, confirmEmail: before!.email });
    // The deletion's own entry names nobody; the trail is erased by the job, which this runs.
    const [erasure] = await db.select().from(auditErasures).where(eq(auditErasures.personId, person));
    expect(erasure).toMatchObject({ completedAt: null, searchTerms: expect.arrayContaining([before!.email]) });
    expect(await eraseFromAuditTrail(db)).toBe(1);

    // Nowhere: no table, no column, not in the trail, not in the erasure's own record. Signatures
    // are the one exception (a quality record must keep the signer's name), and they gave none.
    expect(await whereStored(before!.email)).toEqual([]);
    expect(await whereStored(fullName)).toEqual([]);
    // What others wrote reads on, with a mark where they were named.
    const [post] = await db.execute<{ body: string }>(sql`select body from board_posts where body like 'Thanks @%'`);
    expect(post!.body).toBe("Thanks @[erased], see you at the course.");
    const [item] = await db.execute<{ label: string }>(
      sql`select label from bulk_operation_items where operation_id = ${operation!.id}`,
    );
    expect(item!.label).toBe("[erased] <[erased]>");
    const [colleague] = await db
      .select({ position: users.position })
      .from(users)
      .where(eq(users.id, demo.users.product));
    expect(colleague!.position).toBe("Assistant to [erased]");
    expect(await whereStored("198.51.100.23")).toEqual([]);
    const [done] = await db.select().from(auditErasures).where(eq(auditErasures.personId, person));
    expect(done).toMatchObject({ searchTerms: null, completedAt: expect.any(Date) });
    expect(done!.entriesErased).toBeGreaterThanOrEqual(4);

    // Every entry is still there, under their id; what is not theirs is as it was.
    expect(await entriesAbout()).toBe(aboutBefore + 1);
    const [invitation] = await db.select().from(auditLog).where(eq(auditLog.action, "test.invitation"));
    expect(invitation!.after).toEqual({
      email: { erased: expect.stringMatching(/^[0-9a-f]{64}$/) },
      firstName: { erased: expect.stringMatching(/^[0-9a-f]{64}$/) },
      signedAs: { erased: expect.stringMatching(/^[0-9a-f]{64}$/) },
      groupName: "Endoscopy unit",
    });
    expect(invitation!.ip).toBe("192.0.2.1");
    const [theirs] = await db.select().from(auditLog).where(eq(auditLog.action, "test.done_by_them"));
    expect(theirs).toMatchObject({ actorId: person, ip: expect.stringMatching(/^erased:[0-9a-f]{64}$/) });
    expect(theirs!.after).toEqual({ note: "a change of theirs" });
    expect((await db.select().from(auditLog).where(eq(auditLog.id, unrelated!.id)))[0]).toEqual(unrelated);

    // The chain verifies exactly as before, every link of it.
    await sealAuditLog(db);
    const after = await verifyAuditChain(db);
    expect(after).toMatchObject({ intact: true, firstBroken: null });
    // Each entry that lost a value is checked value by value, and counted.
    expect(after.erasedEntries).toBe(done!.entriesErased);
    expect(after.entries).toBeGreaterThan(sealed.entries);

    // The owner reads the entries with a pseudonym where the name was.
    const listed = (await owner.audit.list({ pageSize: 1000 })).items;
    const deletion = listed.find((e) => e.action === "user.deleted" && e.targetId === person)!;
    expect(deletion.targetLabel).toBe(`Deleted person ${person.slice(0, 8)}`);
    const byThem = listed.find((e) => e.action === "test.done_by_them")!;
    expect(byThem).toMatchObject({ actorLabel: `Deleted person ${person.slice(0, 8)}`, ip: "(erased)" });
    expect(listed.find((e) => e.action === "test.invitation")!.after).toMatchObject({ email: "(erased)" });

    // A second run finds nothing to do, and changes nothing.
    const snapshot = await db.select().from(auditLog).orderBy(auditLog.id);
    expect(await eraseFromAuditTrail(db)).toBe(0);
    expect(await db.select().from(auditLog).orderBy(auditLog.id)).toEqual(snapshot);
  });

  it("the database lets an entry change only by an erasure: a value replaced by anything but its own digest is refused", async () => {
    await recordAudit(
      db,
      { actorId: demo.users.owner, ip: "192.0.2.9" },
      { action: "test.guarded", targetType: "test", targetId: "g", after: { note: "kept", count: 3 } },
    );
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "test.guarded"));
    const refused = [
      sql`update audit_log set after = '{"note": "forged", "count": 3}' where id = ${entry!.id}`,
      sql`update audit_log set after = jsonb_set(after, '{note}', '{"erased": "${sql.raw("0".repeat(64))}"}') where id = ${entry!.id}`,
      sql`update audit_log set ip = 'erased:' || repeat('0', 64) where id = ${entry!.id}`,
      sql`update audit_log set action = 'test.other', after = audit_erase_keys(after, array['note']) where id = ${entry!.id}`,
    ];
    for (const statement of refused)
      await expect(db.execute(statement)).rejects.toMatchObject({
        cause: expect.objectContaining({ message: expect.stringMatching(/append-only/), code: "42501" }),
      });
    // The one change allowed: a value replaced by its own digest.
    await db.execute(sql`update audit_log set after = audit_erase_keys(after, array['note']) where id = ${entry!.id}`);
    const [erased] = await db.select().from(auditLog).where(eq(auditLog.id, entry!.id));
    expect(erased!.after).toEqual({ note: { erased: expect.stringMatching(/^[0-9a-f]{64}$/) }, count: 3 });
    await sealAuditLog(db);
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });
});
