/**
 * `npm run bench -- --support [N] [--users M]`: the figures of support issues. A fresh database with
 * the demo organisation, support on, three issue types, a
 * support specialist of Helix Clinical Education; the Resend stand-in at 2 requests a second
 * (Resend's default) and the real worker process.
 *  - report to the handler's email: 100 reports through the tRPC caller, one every 500 ms; from
 *    the call to the new-issue email at the stand-in, p50/p95;
 *  - the inbox at scale, in an installation the size of the large one: 2,000 hospitals over the
 *    markets with five wards each and M people (default 1,000,000) in the wards; N issues (default
 *    1,000,000) reported by those people, over the types, five statuses and two years; the first
 *    page of the inbox through the tRPC caller (the data the page renders: the page and its
 *    capped count), p50/p95 of 200, for an owner admin and for a handler restricted to one issue
 *    type and two hospitals; the tab counts; the customer filter's suggestions and its first page.
 */
import { sql } from "drizzle-orm";
import { hashPassword } from "../../server/auth/password";
import { demoPassword } from "../../server/demo/seed-demo";
import { insertUser } from "../../server/users/create-user";
import { createIssueType } from "../../server/support/issue-types";
import { setStaffProfile } from "../../server/support/staff";
import { withEmailBenchInstallation } from "./email-installation";
import { percentile, sleep, summary } from "./measure";

export function benchSupport(options: {
  reports: number;
  issues: number;
  users: number;
}): Promise<Record<string, unknown>> {
  return withEmailBenchInstallation("support", async ({ db, demo, standIn, startWorker }) => {
    const system = { actorId: null, ip: null };
    await db.execute(sql`update settings set support_issues_enabled = true`);
    const unit = demo.nodes.internal;
    const complaint = await createIssueType(db, system, {
      name: "Device complaint",
      description: "",
      deviceComplaint: true,
      defaultUnitId: unit,
      attachmentsAllowed: true,
    });
    const question = await createIssueType(db, system, {
      name: "Question",
      description: "",
      deviceComplaint: false,
      defaultUnitId: unit,
      attachmentsAllowed: false,
    });
    const other = await createIssueType(db, system, {
      name: "Other",
      description: "",
      deviceComplaint: false,
      defaultUnitId: unit,
      attachmentsAllowed: false,
    });
    const passwordHash = await hashPassword(demoPassword);
    const specialist = await insertUser(db, {
      email: "specialist@helix.example",
      firstName: "Sofia",
      lastName: "Lind",
      memberOf: [demo.nodes.trainers],
      passwordHash,
      status: "active",
    });
    await setStaffProfile(db, system, specialist.id, { unitIds: [unit], typeIds: [], accounts: [] });
    const { createCaller } = await import("../../server/api/root");
    const { createInnerContext } = await import("../../server/api/trpc");
    const as = (userId: string) =>
      createCaller(createInnerContext({ db, sessionUserId: userId, ip: null, userAgent: "bench" }));
    const reporter = as(demo.users.product);

    // 1. Report to the handler's email.
    startWorker();
    const arrived = (title: string) => standIn.emails().find((e) => e.subject.includes(title))?.receivedAt;
    const waitFor = async (titles: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (titles.some((t) => !arrived(t)) && Date.now() < deadline) await sleep(20);
    };
    const report = (title: string) =>
      reporter.support.report({
        typeId: question.id,
        itemId: null,
        title,
        description: "Measured.",
        severity: "low",
        device: null,
      });
    for (let i = 0; i < 5; i++) {
      await report(`Warm-up ${i}`);
      await waitFor([`Warm-up ${i}`], 60_000);
    }
    const sent: { title: string; at: number }[] = [];
    for (let i = 0; i < options.reports; i++) {
      const title = `Measured report ${i}`;
      const at = Date.now();
      await report(title);
      sent.push({ title, at });
      await sleep(500);
    }
    await waitFor(
      sent.map((s) => s.title),
      60_000,
    );
    const latencies = sent.map((s) => (arrived(s.title) ?? Number.NaN) - s.at).filter(Number.isFinite);

    // 2. The inbox at scale, in an installation the size of the large one: 2,000 hospitals over the
    // markets, five wards each, `users` people in the wards; then the issues, reported by those
    // people from where they sit, in batches of 100,000 rows (one statement each).
    const started = performance.now();
    const markets = Number(
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from nodes where kind = 'market'`))[0]?.n,
    );
    await db.execute(sql`
      with market as (select id, path, row_number() over (order by name) - 1 as m from nodes where kind = 'market')
      insert into nodes (kind, parent_id, path, name)
      select 'customer', market.id, market.path, 'Hospital ' || market.m || '-' || g
      from market cross join generate_series(1, ${Math.ceil(2000 / markets)}::int) g`);
    await db.execute(sql`update nodes set path = path || id || '/' where kind = 'customer' and name like 'Hospital %'`);
    await db.execute(sql`
      insert into nodes (kind, parent_id, path, name)
      select 'group', c.id, c.path, 'Ward ' || w from nodes c cross join generate_series(1, 5) w
      where c.kind = 'customer' and c.name like 'Hospital %'`);
    await db.execute(sql`update nodes set path = path || id || '/' where kind = 'group' and name like 'Ward %'`);
    await db.execute(sql`
      create table bench_wards as
      select row_number() over (order by w.id) - 1 as w, w.id, w.path, c.id as customer_id, c.parent_id as market_id
      from nodes w join nodes c on c.id = w.parent_id where w.kind = 'group' and w.name like 'Ward %'`);
    const wards = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from bench_wards`))[0]?.n);
    await db.execute(
      sql`create table bench_people as select i, gen_random_uuid() as id, i % ${wards}::int as w from generate_series(0, ${options.users - 1}::int) i`,
    );
    await db.execute(sql`
      insert into users (id, email, first_name, last_name, status, primary_role, password_hash)
      select id, 'person' || i || '@hospital.example',
        (array['Anna','Lars','Ingrid','Erik','Maria','Jon','Sofia','Ahmed'])[1 + i % 8],
        (array['Hansen','Garcia','Olsen','Larsen','Martinez','Nilsen','Berg','Lopez'])[1 + (i / 8) % 8] || '-' || (i % 997),
        'active', 'product_user', ${passwordHash}
      from bench_people`);
    await db.execute(
      sql`insert into memberships (user_id, node_id) select p.id, w.id from bench_people p join bench_wards w on w.w = p.w`,
    );
    await db.execute(sql`create index on bench_people (i)`);
    await db.execute(sql`analyze bench_people`);
    const batch = 100_000;
    for (let done = 0; done < options.issues; done += batch) {
      await db.execute(sql`
        with kinds as (select array[${complaint.id}::uuid, ${question.id}::uuid, ${other.id}::uuid] as ids)
        insert into support_issues (type_id, reporter_id, customer_id, market_id, scope_path, unit_id, title,
          description, severity, status, created_at, updated_at, aware_at)
        select kinds.ids[1 + (g % 3)], person.id, ward.customer_id, ward.market_id, ward.path, ${unit},
          'Issue ' || g, 'Generated for the benchmark.',
          (array['low','medium','high','critical'])[1 + (g % 4)]::support_severity,
          (array['new','in_progress','waiting','resolved','closed'])[1 + (g % 5)]::support_issue_status,
          now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute',
          now() - (g % 730) * interval '1 day', now() - (g % 730) * interval '1 day'
        from generate_series(${done + 1}::int, ${Math.min(done + batch, options.issues)}::int) g
        cross join kinds
        join bench_people person on person.i = (g::bigint * 7919) % ${options.users}::int
        join bench_wards ward on ward.w = person.w`);
    }
    await db.execute(sql`drop table bench_people`);
    await db.execute(sql`drop table bench_wards`);
    // As autovacuum would have by then: statistics, and the visibility map index-only scans rely on.
    await db.execute(sql`vacuum analyze`);
    const seedSeconds = (performance.now() - started) / 1000;

    // A handler restricted to questions from two hospitals.
    const hospitals = await db.execute<{ id: string }>(
      sql`select id from nodes where kind = 'customer' and name like 'Hospital %' order by name limit 2`,
    );
    const restricted = await insertUser(db, {
      email: "restricted@helix.example",
      firstName: "Rita",
      lastName: "Restricted",
      memberOf: [demo.nodes.trainers],
      passwordHash,
      status: "active",
    });
    await setStaffProfile(db, system, restricted.id, {
      unitIds: [unit],
      typeIds: [question.id],
      accounts: hospitals.map((h) => ({ nodeId: h.id, category: "customer" as const })),
    });
    if (process.env.BENCH_EXPLAIN) {
      const [unitRow] = await db.execute<{ path: string }>(sql`select path from nodes where id = ${unit}`);
      const ids = hospitals.map((h) => h.id);
      const where = sql`unit_id in (select id from nodes where path like any(${sql.param([`${unitRow!.path}%`])}::text[]))
        and type_id = any(${sql.param([question.id])}::uuid[]) and customer_id = any(${sql.param(ids)}::uuid[])`;
      for (const query of [
        sql`explain (analyze, buffers) select id from support_issues where ${where} order by created_at desc, id desc limit 25`,
        sql`explain (analyze, buffers) select count(*) from (select 1 from support_issues where ${where} limit 10001) capped`,
      ])
        for (const row of await db.execute(query)) console.log(Object.values(row)[0]);
    }
    const measure = async (userId: string) => {
      const caller = as(userId);
      const firstPage = () => caller.support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 25 });
      for (let i = 0; i < 20; i++) await firstPage();
      const page: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        const result = await firstPage();
        page.push(performance.now() - t);
        if (result.items.length === 0) throw new Error("the inbox came back empty");
      }
      const counts: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        await caller.support.inboxCounts();
        counts.push(performance.now() - t);
      }
      // The customer filter: its suggestions for two typed letters, then the first page for one customer.
      const suggestions: number[] = [];
      let customerId: string | undefined;
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        const options = await caller.support.filterOptions({ kind: "customer", search: "ho" });
        suggestions.push(performance.now() - t);
        customerId = options[0]?.id;
      }
      if (!customerId) throw new Error("no customer offered to filter by");
      const filtered: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        await caller.support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 25, customerId });
        filtered.push(performance.now() - t);
      }
      const { total } = await firstPage();
      return {
        issues_in_reach_counted_to: total,
        first_page: summary(page),
        tab_counts: summary(counts),
        customer_suggestions: summary(suggestions),
        first_page_of_one_customer: summary(filtered),
      };
    };
    return {
      report_to_handler_email: {
        reports: options.reports,
        interval_ms: 500,
        arrived: latencies.length,
        p50_ms: Math.round(percentile(latencies, 50)),
        p95_ms: Math.round(percentile(latencies, 95)),
        max_ms: Math.round(Math.max(...latencies)),
      },
      inbox: {
        issues: options.issues,
        users: Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from users`))[0]?.n),
        hospitals: Number(
          (await db.execute<{ n: number }>(sql`select count(*)::int as n from nodes where kind = 'customer'`))[0]?.n,
        ),
        seed_seconds: Number(seedSeconds.toFixed(1)),
        owner_admin: await measure(demo.users.owner),
        restricted_handler: await measure(restricted.id),
      },
    };
  });
}
