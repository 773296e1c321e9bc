/**
 * `npm run bench -- --portal`: the portal's figures. A fresh database with the demo organisation
 * and 5,000 published items, each given to one to three of 20 user groups of St Olav; one product
 * user in 10 of those groups (they have about 3,500 of the items) with progress in 200 courses.
 *  - portal home through the tRPC caller (the data the page renders), p50/p95 of 200, and the
 *    training that needs the person's attention (the home page's other query; 300 courses
 *    completed), the same way;
 *  - the /portal page over HTTP from a production build (`npm start`), signed in as that user:
 *    server response time p50/p95 of 200;
 *  - first-load JavaScript of each portal page, gzip, from the build's manifests (Next.js 16 no
 *    longer prints the sizes): the root main files plus the page's and its layouts' entry chunks.
 * BENCH_EXPLAIN=1 prints the home query's plan (EXPLAIN ANALYZE) on the seeded data instead.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { createDatabase } from "../../server/db/client";
import { demoPassword, seedDemo } from "../../server/demo/seed-demo";
import { hashPassword } from "../../server/auth/password";
import { insertUser } from "../../server/users/create-user";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";
import { signInOverHttp, startProductionServer, summary } from "./measure";

/** First-load JS of an app route (e.g. "/(portal)/portal/page"), gzip bytes, from the build's manifests. */
export function firstLoadJs(route: string): { files: number; gzip_kb: number } {
  const build = JSON.parse(readFileSync(".next/build-manifest.json", "utf8")) as { rootMainFiles: string[] };
  const manifestFile = path.join(".next/server/app", `${route}_client-reference-manifest.js`);
  const source = readFileSync(manifestFile, "utf8");
  const json = source.slice(source.indexOf("= {") + 2).replace(/;\s*$/, "");
  const manifest = JSON.parse(json) as { entryJSFiles: Record<string, string[]> };
  const files = new Set(build.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles)) for (const file of list) files.add(file);
  const bytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(path.join(".next", file))).length, 0);
  return { files: files.size, gzip_kb: Number((bytes / 1024).toFixed(1)) };
}

export async function benchPortal(options: { items: number; rebuild: boolean }): Promise<Record<string, unknown>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-portal-"));
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  let server: ChildProcess | null = null;
  try {
    await pg.createDatabase("portal");
    const url = pg.urlFor("portal");
    const authSecret = randomBytes(32).toString("base64url");
    Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: authSecret });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 4 });
    const demo = (await seedDemo(db))!;

    // 20 groups at St Olav; the user is in the first 10.
    const [stOlav] = await db.execute<{ path: string }>(sql`select path from nodes where id = ${demo.nodes.stOlav}`);
    const groupIds: string[] = [];
    for (let g = 0; g < 20; g++) {
      const [row] = await db.execute<{ id: string }>(
        sql`insert into nodes (kind, parent_id, path, name) values ('group', ${demo.nodes.stOlav}, '', ${`Ward ${g + 1}`}) returning id`,
      );
      await db.execute(sql`update nodes set path = ${`${stOlav!.path}${row!.id}/`} where id = ${row!.id}`);
      groupIds.push(row!.id);
    }
    const user = await insertUser(db, {
      email: "portal.bench@stolav.example",
      firstName: "Portal",
      lastName: "Bench",
      passwordHash: await hashPassword(demoPassword),
      status: "active",
      memberOf: groupIds.slice(0, 10),
    });

    // 5,000 published items of the four kinds, set-based; each given to 1–3 of the 20 groups.
    await db.execute(sql`insert into content_items (kind, created_by)
      select (array['product','course','session','document']::content_kind[])[1 + g % 4], ${demo.users.owner} from generate_series(1, ${options.items}) g`);
    await db.execute(sql`insert into content_versions (item_id, number, status, title, summary, body, published_at)
      select i.id, 1, 'published', 'Item ' || lpad(row_number() over (order by i.id)::text, 5, '0'), 'A summary of this item, in a sentence or two.',
        case i.kind when 'course' then '{"kind":"course","pages":[{"title":"One","text":"Text","imageUrl":null,"videoUrl":null},{"title":"Two","text":"Text","imageUrl":null,"videoUrl":null}]}'::jsonb
          when 'session' then '{"kind":"session","text":"Bring questions.","startsAt":"2027-01-14T09:00:00.000Z","place":"Room 2"}'::jsonb
          else jsonb_build_object('kind', i.kind::text, 'text', repeat('Product text. ', 200)) end, now()
      from content_items i`);
    const groups = sql.raw(`array[${groupIds.map((id) => `'${id}'::uuid`).join(",")}]`);
    await db.execute(sql`insert into content_assignments (item_id, node_id, root)
      select distinct i.id, (${groups})[1 + ((hashtext(i.id::text || k::text) & 2147483647) % 20)], true
      from content_items i cross join generate_series(1, 1 + (hashtext(i.id::text) & 2147483647) % 3) k
      on conflict do nothing`);
    await db.execute(sql`insert into course_progress (user_id, item_id, last_page, pages_seen, percent)
      select ${user.id}, i.id, 0, '{0}', 50 from content_items i where i.kind = 'course' limit 200`);
    // Training evidence: 300 courses completed (those not in progress).
    await db.execute(sql`insert into training_completions (user_id, item_id, version_id, version_number)
      select ${user.id}, i.id, v.id, 1 from content_items i join content_versions v on v.item_id = i.id
      where i.kind = 'course' and not exists (select 1 from course_progress p where p.item_id = i.id) limit 300`);
    await db.execute(sql`analyze`);
    const [visible] = await db.execute<{ n: number }>(
      sql`select count(distinct a.item_id)::int as n from content_assignments a join memberships m on m.node_id = a.node_id where m.user_id = ${user.id}`,
    );

    const { createCaller } = await import("../../server/api/root");
    const { createInnerContext } = await import("../../server/api/trpc");
    const caller = createCaller(createInnerContext({ db, sessionUserId: user.id, ip: null, userAgent: "bench" }));
    for (let i = 0; i < 20; i++) await caller.portal.home();
    if (process.env.BENCH_EXPLAIN) {
      const { portalHomeQuery } = await import("../../server/content/portal");
      const { trainingRequirementsQuery } = await import("../../server/content/training-status");
      for (const query of [
        portalHomeQuery(user.id),
        trainingRequirementsQuery({ people: sql`select ${user.id}::uuid as user_id` }),
      ])
        for (const row of await db.execute(sql`explain (analyze, buffers) ${query}`))
          console.log(Object.values(row)[0]);
      process.exit(0);
    }
    // The training that needs their attention (the home page's other query), through the caller.
    for (let i = 0; i < 20; i++) await caller.portal.trainingDue();
    const requirementSamples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await caller.portal.trainingDue();
      requirementSamples.push(performance.now() - t);
    }
    const callerSamples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await caller.portal.home();
      callerSamples.push(performance.now() - t);
    }

    // The page over HTTP, from a production build.
    const started = await startProductionServer({ rebuild: options.rebuild });
    server = started.server;
    const base = started.base;
    const cookie = await signInOverHttp(base, "portal.bench@stolav.example", demoPassword);
    const getPortal = async () => {
      const t = performance.now();
      const response = await fetch(`${base}/portal`, { headers: { cookie } });
      const html = await response.text();
      const elapsed = performance.now() - t;
      if (!response.ok || !html.includes("My trainings"))
        throw new Error(`/portal answered ${response.status} without the portal`);
      return elapsed;
    };
    for (let i = 0; i < 20; i++) await getPortal();
    const httpSamples: number[] = [];
    for (let i = 0; i < 200; i++) httpSamples.push(await getPortal());
    await close();

    return {
      items: options.items,
      groups_of_the_user: 10,
      items_the_user_has: visible?.n ?? 0,
      portal_home_trpc_caller: summary(callerSamples),
      portal_training_due_trpc_caller: summary(requirementSamples),
      portal_page_http: summary(httpSamples),
      first_load_js_gzip: {
        "/portal": firstLoadJs("(portal)/portal/page"),
        "/portal/items/[id]": firstLoadJs("(portal)/portal/items/[id]/page"),
        "/portal/security": firstLoadJs("(portal)/portal/security/page"),
      },
    };
  } finally {
    if (server && server.exitCode === null) {
      const running = server;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
    }
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
