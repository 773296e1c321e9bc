/**
 * `npm run bench -- --users 1000000`: seeds a large installation with set-based SQL (1 owner,
 * 20 markets, 2,000 customers, 10,000 groups, N users), then measures through the tRPC caller,
 * as an owner, a market, a customer and a group admin: the users list (first page, a deep page,
 * a search, a status filter) and a single scope check.
 */
import { sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { createCaller } from "../../server/api/root";
import { createInnerContext } from "../../server/api/trpc";
import { hashPassword } from "../../server/auth/password";
import type { Database } from "../../server/db/client";
import { can, loadActor, loadUserTarget } from "../../server/scope";

type Summary = { n: number; p50_ms: number; p95_ms: number; max_ms: number };

export async function seedLargeInstallation(db: Database, userCount: number): Promise<number> {
  const started = performance.now();
  const passwordHash = await hashPassword("Bench-password-2026");
  const run = (query: ReturnType<typeof sql>) => db.execute(query);
  await run(sql`set synchronous_commit = off`);
  await run(sql`set maintenance_work_mem = '512MB'`);
  await run(sql`insert into settings (id, installation_name) values (true, 'Bench Academy') on conflict do nothing`);
  // The tree: ids are made up front so paths can be written in the same statement.
  await run(
    sql`create temporary table bench_markets as select m, gen_random_uuid() as id from generate_series(1, 20) m`,
  );
  await run(
    sql`create temporary table bench_customers as select c, gen_random_uuid() as id, ((c - 1) / 100) + 1 as m from generate_series(1, 2000) c`,
  );
  await run(
    sql`create temporary table bench_groups as select g, gen_random_uuid() as id, ((g - 1) / 5) + 1 as c from generate_series(1, 10000) g`,
  );
  await run(
    sql`insert into nodes (id, kind, parent_id, path, name) values ('00000000-0000-4000-8000-000000000001', 'owner', null, '/00000000-0000-4000-8000-000000000001/', 'Bench Medical')`,
  );
  await run(sql`insert into nodes (id, kind, parent_id, path, name)
    select id, 'market', '00000000-0000-4000-8000-000000000001', '/00000000-0000-4000-8000-000000000001/' || id || '/', 'Market ' || m from bench_markets`);
  await run(sql`insert into nodes (id, kind, parent_id, path, name)
    select c.id, 'customer', m.id, '/00000000-0000-4000-8000-000000000001/' || m.id || '/' || c.id || '/', 'Hospital ' || c.c
    from bench_customers c join bench_markets m on m.m = c.m`);
  await run(sql`insert into nodes (id, kind, parent_id, path, name)
    select g.id, 'group', c.id, n.path || g.id || '/', 'Ward ' || g.g
    from bench_groups g join bench_customers c on c.c = g.c join nodes n on n.id = c.id`);

  // Users: realistic names and statuses; user i belongs to group (i mod 10,000) + 1.
  await run(
    sql`create temporary table bench_users as select i, gen_random_uuid() as id, (i % 10000) + 1 as g from generate_series(1, ${userCount}) i`,
  );
  await run(sql`insert into users (id, email, first_name, last_name, status, primary_role, password_hash, suspended_at, locked_until, last_login_at, created_at)
    select id,
      'user' || i || '@hospital' || (((g - 1) / 5) + 1) || '.example',
      (array['Anna','Lars','Ingrid','Erik','Maria','Jon','Sofia','Ahmed','Laura','Tomas','Elena','Pedro','Kari','Nina','Ola','Marta'])[1 + (i * 7) % 16],
      (array['Hansen','Johansen','Olsen','Larsen','Andersen','Garcia','Martinez','Nilsen','Berg','Dahl','Lopez','Haugen','Strand','Lien','Moen','Bakken','Fernandez','Svensson','Karlsson','Nieminen'])[1 + (i * 13) % 20] || '-' || (i % 997),
      (case when i % 20 < 12 then 'active' when i % 20 < 17 then 'invited' else 'not_invited' end)::user_status,
      (case when i <= 10000 then 'group_admin' else 'product_user' end)::role_name,
      case when i % 20 < 12 then ${passwordHash} end,
      case when i % 100 = 7 then now() end,
      case when i % 1000 = 3 then now() + interval '15 minutes' end,
      case when i % 20 < 12 then now() - (i % 500) * interval '1 hour' end,
      now() - (i % 1000) * interval '1 day'
    from bench_users`);
  await run(
    sql`insert into memberships (user_id, node_id) select u.id, g.id from bench_users u join bench_groups g on g.g = u.g`,
  );
  // Their scope rows straight from the known tree (refreshUserScopes derives the same from paths).
  await run(sql`insert into user_scopes (node_id, user_id)
    select x.node_id, u.id from bench_users u
    join bench_groups g on g.g = u.g join bench_customers c on c.c = g.c join bench_markets m on m.m = c.m
    cross join lateral (values (g.id), (c.id), (m.id)) as x(node_id)`);
  // Admins: the first user of each group is its group admin; a customer and a market admin each.
  await run(sql`insert into role_assignments (user_id, role, node_id)
    select m.user_id, 'group_admin', m.node_id from memberships m join users u on u.id = m.user_id where u.primary_role = 'group_admin'`);
  await run(sql`insert into users (email, first_name, last_name, status, primary_role, password_hash)
    select 'customer-admin' || c || '@hospital' || c || '.example', 'Customer', 'Admin ' || c, 'active', 'customer_admin', ${passwordHash} from bench_customers`);
  await run(sql`insert into role_assignments (user_id, role, node_id)
    select u.id, 'customer_admin', c.id from bench_customers c join users u on u.email = 'customer-admin' || c.c || '@hospital' || c.c || '.example'`);
  await run(sql`insert into users (email, first_name, last_name, status, primary_role, password_hash)
    select 'market-admin' || m || '@market.example', 'Market', 'Admin ' || m, 'active', 'market_admin', ${passwordHash} from bench_markets`);
  await run(sql`insert into role_assignments (user_id, role, node_id)
    select u.id, 'market_admin', m.id from bench_markets m join users u on u.email = 'market-admin' || m.m || '@market.example'`);
  await run(
    sql`insert into users (email, first_name, last_name, status, primary_role, password_hash) values ('owner@bench.example', 'Owner', 'Admin', 'active', 'owner_admin', ${passwordHash})`,
  );
  await run(
    sql`insert into role_assignments (user_id, role, node_id) select id, 'owner_admin', '00000000-0000-4000-8000-000000000001' from users where email = 'owner@bench.example'`,
  );
  // The admins' scope rows, derived from their role nodes' paths as refreshUserScopes does.
  await run(sql`insert into user_scopes (node_id, user_id)
    select ancestor::uuid, r.user_id from role_assignments r join nodes on nodes.id = r.node_id
    cross join lateral unnest((string_to_array(trim(both '/' from nodes.path), '/'))[2:]) as ancestor
    on conflict do nothing`);
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; vacuum analyze…`);
  await run(sql`vacuum analyze`);
  return (performance.now() - started) / 1000;
}

function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(3));
  return { n: samples.length, p50_ms: at(50), p95_ms: at(95), max_ms: at(100) };
}

async function measure(iterations: number, fn: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

export async function measureLargeInstallation(db: Database, iterations = 100) {
  const pick = async (email: string) =>
    (await db.execute<{ id: string }>(sql`select id from users where email = ${email}`))[0]!.id;
  const actors = {
    owner: await pick("owner@bench.example"),
    market_admin: await pick("market-admin1@market.example"),
    customer_admin: await pick("customer-admin1@hospital1.example"),
    group_admin: (
      await db.execute<{
        user_id: string;
      }>(sql`select r.user_id from role_assignments r join users u on u.id = r.user_id
      where r.role = 'group_admin' and u.suspended_at is null and u.locked_until is null limit 1`)
    )[0]!.user_id,
  };
  const results: Record<string, Record<string, Summary | number>> = {};
  for (const [role, userId] of Object.entries(actors)) {
    const caller = createCaller(createInnerContext({ db, sessionUserId: userId, ip: null, userAgent: "bench" }));
    const first = await caller.users.list({});
    // A deep page: the cursor of the row about 10,000 rows in (or near the end of a small scope).
    const depth = Math.min(10_000, Math.max(0, first.total - 30));
    const actor = (await loadActor(db, userId))!;
    const { listUsers } = await import("../../server/users/list-users");
    let cursor = first.nextCursor;
    let walked = first.items.length;
    // Walk to the depth in big pages (not measured), then measure the page after it.
    while (cursor && walked + 100 <= depth) {
      const page = await listUsers(db, actor, { sort: "name", order: "asc", pageSize: 100, cursor, direction: "next" });
      walked += page.items.length;
      cursor = page.nextCursor;
    }
    const deepCursor = cursor ?? undefined;
    results[role] = {
      users_in_scope: first.total,
      users_in_scope_capped: first.totalIsCapped ? 1 : 0,
      deep_page_position: walked,
      first_page: await measure(iterations, () => caller.users.list({})),
      deep_page: await measure(iterations, () => caller.users.list({ cursor: deepCursor })),
      search_name: await measure(iterations, () => caller.users.list({ search: "ingrid nil" })),
      search_email: await measure(iterations, () => caller.users.list({ search: "user4242" })),
      status_filter: await measure(iterations, () => caller.users.list({ status: "locked" })),
    };
  }
  // A single scope check: load the target's placements and ask the resolver, as a procedure does.
  const marketActor = (await loadActor(db, actors.market_admin))!;
  const targets = (
    await db.execute<{ id: string }>(sql`select id from users where email like 'user%' order by random() limit 300`)
  ).map((r) => r.id);
  let i = 0;
  const scopeCheck = await measure(iterations, async () => {
    const target = await loadUserTarget(db, targets[i++ % targets.length]!);
    if (target) can(marketActor, "user.read", target);
  });
  const target = (await loadUserTarget(db, targets[0]!))!;
  const resolverOnly = summarise(
    Array.from({ length: 10_000 }, () => {
      const t = performance.now();
      can(marketActor, "user.account", target);
      return performance.now() - t;
    }),
  );
  return { users_list: results, scope_check_with_target_load: scopeCheck, scope_check_resolver_only: resolverOnly };
}
