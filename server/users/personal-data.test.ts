import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { exportedColumns, personReferences, secretColumns, tablesWithEmail } from "./personal-data";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

describe("a person's own data (GDPR Articles 15 and 20)", () => {
  it("a person downloads everything held about them, without a single secret, and the export is recorded", async () => {
    const me = callerFor(db, demo.users.product);
    // A sign-in of theirs, and a session: in the export, the session without its secret.
    await db.execute(
      sql`insert into login_attempts (email, user_id, success, reason, ip) values ('user@helix.example', ${demo.users.product}, true, 'ok', '192.0.2.7')`,
    );
    const data = await me.me.exportData();
    expect(data.account).toMatchObject({ id: demo.users.product, email: "user@helix.example", first_name: "Ingrid" });
    expect(Object.keys(data.records)).toEqual(expect.arrayContaining(["memberships", "user_scopes"]));
    expect(data.records.memberships!.user_id!.length).toBeGreaterThan(0);
    expect(data.records.login_attempts!.user_id).toEqual(
      expect.arrayContaining([expect.objectContaining({ ip: "192.0.2.7", success: true })]),
    );
    const text = JSON.stringify(data);
    for (const secret of secretColumns) expect(text).not.toContain(`"${secret}"`);
    const [entry] = await db.execute<{ actor_id: string; target_id: string }>(
      sql`select actor_id, target_id from audit_log where action = 'user.data_exported' order by id desc limit 1`,
    );
    expect(entry).toEqual({ actor_id: demo.users.product, target_id: demo.users.product });
  });

  it("carries no email's body (its one-time links) and none of the maker's handling of the person's issues", async () => {
    const link = "http://localhost:3000/reset-password/live-token-that-must-not-travel";
    await db.execute(sql`insert into email_outbox (kind, to_address, subject, html, text, user_id)
      values ('password_reset', 'user@helix.example', 'Choose a new password', ${`<a href="${link}">`}, ${link}, ${demo.users.product})`);
    await db.execute(
      sql`insert into support_issue_types (name, default_unit_id) values ('Export check', ${demo.nodes.internal})`,
    );
    await db.execute(sql`insert into support_issues (type_id, reporter_id, scope_path, unit_id, title, description,
        reportability, reportability_reason, deadline_days, deadline_at, assignee_id)
      select t.id, ${demo.users.product}, '/', ${demo.nodes.internal}, 'My alarm', 'It sounded.',
        'yes', 'Serious deterioration possible: report to the authority', 10, now(), ${demo.users.owner}
      from support_issue_types t where t.name = 'Export check'`);
    const data = await callerFor(db, demo.users.product).me.exportData();
    const text = JSON.stringify(data);
    expect(data.records.email_outbox?.user_id).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject: "Choose a new password" })]),
    );
    expect(text).not.toContain("live-token-that-must-not-travel");
    expect(data.records.support_issues?.reporter_id).toEqual([expect.objectContaining({ title: "My alarm" })]);
    expect(text).not.toContain("Serious deterioration possible");
    // Exactly the allowlisted columns: the reporter's own words and the issue's course, no handling.
    expect(Object.keys(data.records.support_issues!.reporter_id![0]!).sort()).toEqual(
      [...exportedColumns.support_issues!.reporter_id!].sort(),
    );
  });

  it("isolation matrix: an owner admin exports anyone's data; every other admin is refused and gets nothing", async () => {
    const owner = callerFor(db, demo.users.owner);
    expect((await owner.users.exportData({ userId: demo.users.product })).account).toMatchObject({
      email: "user@helix.example",
    });
    for (const who of ["market", "customer", "group"] as const)
      await expect(
        callerFor(db, demo.users[who]).users.exportData({ userId: demo.users.product }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    await expect(
      callerFor(db, demo.users.product).users.exportData({ userId: demo.users.customer }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    await expect(
      callerFor(db, demo.users.clinicUser).users.exportData({ userId: demo.users.product }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
  });

  it("is complete against the schema: every table with a person's data is reached, and each is in the allowlist", async () => {
    // Every table with a column that holds personal data refers to users (exported by reference)
    // or names people by email (exported by address); the audit log is exported on its own. A
    // new table that does neither fails here until the export reaches it.
    const personal = await db.execute<{ table: string }>(sql`
      select distinct table_name as table from information_schema.columns
      where table_schema = 'public'
        and column_name ~ '^(email|new_email|pending_email|to_address|first_name|last_name|phone|ip|user_agent|signer_name|started_by_name)$'
        and table_name <> 'users'`);
    const byReference = new Set((await personReferences(db)).map((r) => r.table));
    const byEmail = new Set(await tablesWithEmail(db));
    const unreached = personal
      .map((r) => r.table)
      .filter((table) => !byReference.has(table) && !byEmail.has(table) && table !== "audit_log");
    expect(unreached, `tables with personal data the export does not reach: ${unreached.join(", ")}`).toEqual([]);

    // Every table and column that names a person is in the allowlist, and nothing else is.
    const named = [
      ...(await personReferences(db)).map((r) => `${r.table}.${r.column}`),
      ...[...byEmail].map((table) => `${table}.email`),
    ].sort();
    const listed = Object.entries(exportedColumns)
      .flatMap(([table, columns]) => Object.keys(columns).map((column) => `${table}.${column}`))
      .sort();
    expect(listed).toEqual(named);
    // No secret is ever listed.
    for (const columns of Object.values(exportedColumns))
      for (const list of Object.values(columns)) for (const secret of secretColumns) expect(list).not.toContain(secret);

    // A table added tomorrow, referring to users, stops the export until someone decides what of
    // it is the person's: it is never exported whole by default.
    await db.execute(sql`create table test_certificates (user_id uuid references users(id), course text)`);
    try {
      await db.execute(sql`insert into test_certificates values (${demo.users.product}, 'Pump basics')`);
      await expect(callerFor(db, demo.users.product).me.exportData()).rejects.toThrow();
    } finally {
      await db.execute(sql`drop table test_certificates`);
    }
  });
});
