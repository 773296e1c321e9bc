import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { PgBoss } from "pg-boss";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { prepareDatabase } from "../../scripts/prepare-database";
import { sealAuditLog } from "../audit/chain";
import { eraseFromAuditTrail } from "../audit/erasure";
import { runVerification } from "../audit/verification";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { readiness } from "../ops/readiness";
import { callerFor } from "../testing/callers";
import { appendOnlyTables } from "./app-role";
import { createDatabase, type Database } from "./client";

/*
 * The production arrangement, from an empty database: the installation's roles made by the same
 * script compose runs (scripts/postgres-roles.sql), the migrations run as the owner role, and then
 * the app's role, in SQL, doing what the app does and trying what only someone behind it would.
 */
const server = inject("testDatabaseServer");
const name = `grants_${randomBytes(5).toString("hex")}`;
const password = { owner: randomBytes(18).toString("base64url"), app: randomBytes(18).toString("base64url") };
const urlAs = (role: string, secret: string) =>
  server.replace(/\/\/[^@]*@/, `//${role}:${secret}@`).replace(/\/postgres$/, `/${name}`);
const ownerUrl = urlAs("academy_owner", password.owner);
const appUrl = urlAs("academy_app", password.app);
Object.assign(process.env, {
  DATABASE_URL: appUrl,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  NODE_ENV: "test",
});

let app: postgres.Sql;
let appDb: { db: Database; close: () => Promise<void> };
let demo: DemoInstallation;

beforeAll(async () => {
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const superuser = postgres(server.replace(/\/postgres$/, `/${name}`), { max: 1, onnotice: () => {} });
  await superuser`select set_config('academy.owner_password', ${password.owner}, false),
    set_config('academy.app_password', ${password.app}, false)`;
  await superuser.unsafe(await readFile("scripts/postgres-roles.sql", "utf8"));
  await superuser.end();
  await prepareDatabase(appUrl, ownerUrl);
  app = postgres(appUrl, { max: 1, onnotice: () => {} });
  appDb = createDatabase(appUrl, { max: 2 });
  demo = (await seedDemo(appDb.db))!;
}, 120_000);

afterAll(async () => {
  await app?.end();
  await appDb?.close();
});

const refusal = (pattern: RegExp) =>
  expect.objectContaining({ code: "42501", message: expect.stringMatching(pattern) });

describe("the installation's roles", () => {
  it("are neither superusers nor able to make roles or databases, and the owner owns every table", async () => {
    const roles = await app`select rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles
      where rolname in ('academy_owner', 'academy_app') order by rolname`;
    expect(roles).toEqual([
      { rolname: "academy_app", rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
      { rolname: "academy_owner", rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
    ]);
    const owners = await app`select distinct tableowner from pg_tables where schemaname = 'public'`;
    expect(owners).toEqual([{ tableowner: "academy_owner" }]);
  });
});

describe("the app's role, in SQL", () => {
  it("adds to and reads the append-only tables, and can neither change nor remove a row of them", async () => {
    await app`insert into audit_log (action, target_type) values ('test.by_app', 'test')`;
    const [entry] = await app`select id from audit_log where action = 'test.by_app'`;
    for (const table of appendOnlyTables) {
      await expect(app`delete from ${app(table)}`).rejects.toEqual(refusal(/permission denied/));
      await expect(app`truncate ${app(table)}`).rejects.toEqual(refusal(/permission denied/));
    }
    await expect(app`update audit_log set action = 'nothing.happened' where id = ${entry!.id}`).rejects.toEqual(
      refusal(/permission denied/),
    );
    await expect(app`update audit_chain set hash = sha256(hash)`).rejects.toEqual(refusal(/permission denied/));
    await expect(app`update audit_anchors set mac = sha256(mac)`).rejects.toEqual(refusal(/permission denied/));
    await expect(app`update content_signatures set signed_at = now()`).rejects.toEqual(refusal(/permission denied/));
    // The columns an erasure rewrites it may update, and the guard still refuses any real change.
    await app`update audit_log set after = after where id = ${entry!.id}`;
    await expect(app`update audit_log set after = '{"x": 1}' where id = ${entry!.id}`).rejects.toEqual(
      refusal(/append-only/),
    );
  });

  it("cannot turn a trigger off, replace a function, create anything, or step around triggers", async () => {
    const attempts = [
      app`alter table audit_log disable trigger audit_log_append_only`,
      app`alter table audit_log disable trigger all`,
      app`drop trigger audit_log_append_only on audit_log`,
      app.unsafe(
        `create or replace function audit_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$`,
      ),
      app.unsafe(`create table audit_shadow (id int)`),
      app.unsafe(`create schema shadow`),
      app.unsafe(`set session_replication_role = replica`),
      app.unsafe(`alter table audit_log owner to academy_app`),
    ];
    for (const attempt of attempts)
      await expect(attempt).rejects.toMatchObject({
        message: expect.stringMatching(/must be owner|permission denied/),
      });
    // Granting itself what it lacks is a no-op with a warning: the update is still refused.
    await app.unsafe(`grant update, delete on audit_log to academy_app`);
    await expect(app`delete from audit_log`).rejects.toEqual(refusal(/permission denied/));
    const [still] =
      await app`select count(*)::int as n from pg_trigger where tgname = 'audit_log_append_only' and tgenabled = 'O'`;
    expect(still).toEqual({ n: 1 });
  });

  it("runs the app: seals and anchors, verifies, deletes a person and erases them, and works pg-boss's queues", async () => {
    expect(await sealAuditLog(appDb.db)).toBeGreaterThan(0);
    const owner = callerFor(appDb.db, demo.users.owner);
    const [person] = await app`select email from users where id = ${demo.users.notInvited}`;
    await owner.users.delete({ userId: demo.users.notInvited, confirmEmail: person!.email as string });
    expect(await eraseFromAuditTrail(appDb.db)).toBeGreaterThanOrEqual(0);
    const result = await runVerification(appDb.db, { actorId: demo.users.owner, ip: null }, { whole: true });
    expect(result).toMatchObject({ intact: true, firstBroken: null });
    const [anchors] = await appDb.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_anchors`);
    expect(anchors!.n).toBeGreaterThan(0);

    // Readiness reads which migrations are applied; changing that list is the owner's.
    expect(await readiness(appDb.db)).toMatchObject({ ready: true, database: "ok" });
    await expect(app`delete from drizzle.__drizzle_migrations`).rejects.toEqual(refusal(/permission denied/));

    const boss = new PgBoss({ connectionString: appUrl, max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      const id = await boss.send("audit-seal", {});
      const [job] = await boss.fetch("audit-seal");
      expect(job?.id).toBe(id);
      await boss.complete("audit-seal", job!.id);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
