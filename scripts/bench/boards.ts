/**
 * `npm run bench -- --boards`: the community boards' figures. A fresh database with the demo
 * organisation, boards on, one board of St Olav given to the whole hospital.
 *  - a board with 100,000 posts (1,000 threads of 100 posts by the hospital's people, a third of the
 *    posts marked helpful): a thread's page of 50 posts through the tRPC caller, as a member, p50/p95
 *    of 200 over random threads and pages; and the board's first page of threads;
 *  - post → visible to another reader over HTTP with two app instances (`npm start` twice on one
 *    PostgreSQL): the writer replies through instance A, the reader listens on instance B (the
 *    thread's server-sent events) and then reads the thread there until the reply is in it; 100
 *    replies one every 300 ms, from the reply's request to the reader holding it, p50/p95.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { createBoard, giveBoardToNode } from "../../server/boards/boards";
import { startThread } from "../../server/boards/posts";
import { createDatabase } from "../../server/db/client";
import { settings } from "../../server/db/schema";
import { demoPassword, seedDemo } from "../../server/demo/seed-demo";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { prepareDatabase } from "../prepare-database";
import { percentile, signInOverHttp, sleep, startProductionServer, stop, summary } from "./measure";

const trpcInput = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));

export async function benchBoards(options: { rebuild: boolean }): Promise<Record<string, unknown>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-boards-"));
  await chmod(workDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort() });
  const servers: ChildProcess[] = [];
  try {
    await pg.createDatabase("boards");
    const url = pg.urlFor("boards");
    Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url") });
    await prepareDatabase(url);
    const { db, close } = createDatabase(url, { max: 4 });
    const demo = (await seedDemo(db))!;
    await db.update(settings).set({ communityBoardsEnabled: true }).where(eq(settings.id, true));
    const admin = { actorId: demo.users.customer, ip: null };
    const { id: boardId } = await createBoard(db, admin, { nodeId: demo.nodes.stOlav, name: "Bench", description: "" });
    await giveBoardToNode(db, admin, boardId, demo.nodes.stOlav);

    // 1,000 threads of 100 posts, set-based.
    const started = performance.now();
    const authors = sql.raw(
      `array[${[demo.users.product, demo.users.group, demo.users.customer].map((id) => `'${id}'::uuid`).join(",")}]`,
    );
    await db.execute(sql`insert into board_threads (board_id, author_id, title, replies, last_post_at, created_at)
      select ${boardId}, (${authors})[1 + g % 3], 'Thread ' || g || ': priming, alarms and sets', 99,
        now() - g * interval '1 hour', now() - g * interval '1 hour' - interval '3 days'
      from generate_series(1, 1000) g`);
    await db.execute(sql`insert into board_posts (thread_id, board_id, author_id, body, created_at)
      select t.id, ${boardId}, (${authors})[1 + p % 3],
        'Post ' || p || ' of the thread. We **prime** the set before the round; the alarm sounded ' || p % 7 || ' times.',
        t.created_at + p * interval '1 minute'
      from board_threads t cross join generate_series(0, 99) p`);
    await db.execute(sql`insert into board_reactions (post_id, user_id)
      select id, (${authors})[1 + (hashtext(id::text) & 2147483647) % 3] from board_posts
      where (hashtext(id::text) & 2147483647) % 3 = 0 on conflict do nothing`);
    await db.execute(sql`vacuum analyze`);
    const seedSeconds = (performance.now() - started) / 1000;
    const threadIds = (
      await db.execute<{ id: string }>(sql`select id from board_threads where board_id = ${boardId}`)
    ).map((row) => row.id);

    // 1. A thread's page through the caller, as a member.
    const { createCaller } = await import("../../server/api/root");
    const { createInnerContext } = await import("../../server/api/trpc");
    const member = createCaller(
      createInnerContext({ db, sessionUserId: demo.users.product, ip: null, userAgent: "bench" }),
    );
    const randomPage = () => ({
      boardId,
      threadId: threadIds[Math.floor(Math.random() * threadIds.length)]!,
      page: 1 + Math.floor(Math.random() * 2),
    });
    for (let i = 0; i < 20; i++) await member.boards.thread(randomPage());
    const pageSamples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const page = await member.boards.thread(randomPage());
      pageSamples.push(performance.now() - t);
      if (page.posts.length !== 50) throw new Error(`a page held ${page.posts.length} posts, not 50`);
    }
    const listSamples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await member.boards.threads({ boardId, page: 1 });
      listSamples.push(performance.now() - t);
    }

    // 2. Two app instances on one PostgreSQL: write through A, read through B.
    const bases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { server, base } = await startProductionServer({ rebuild: options.rebuild && i === 0 });
      servers.push(server);
      bases.push(base);
    }
    const [writerBase, readerBase] = bases as [string, string];
    const writer = await signInOverHttp(writerBase, "group@helix.example", demoPassword);
    const reader = await signInOverHttp(readerBase, "user@helix.example", demoPassword);
    const { threadId } = await startThread(db, demo.users.group, boardId, { title: "Live", body: "Opening post." });

    // The reader's stream on B: every event is a change to the thread.
    const events = new AbortController();
    const heard: number[] = [];
    const stream = await fetch(`${readerBase}/api/trpc/boards.threadEvents?input=${trpcInput({ boardId, threadId })}`, {
      headers: { cookie: reader, accept: "text/event-stream" },
      signal: events.signal,
    });
    if (!stream.ok || !stream.body) throw new Error(`the reader's stream answered ${stream.status}`);
    const listening = (async () => {
      const decoder = new TextDecoder();
      const chunks = stream.body!.getReader();
      let buffered = "";
      for (;;) {
        const { done, value } = await chunks.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (message.includes("data:") && message.includes(threadId)) heard.push(performance.now());
        }
      }
    })();
    await sleep(1_000);
    const readThread = async (page: number) => {
      const response = await fetch(
        `${readerBase}/api/trpc/boards.thread?input=${trpcInput({ boardId, threadId, page })}`,
        { headers: { cookie: reader } },
      );
      return response.text();
    };
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const words = `Live reply ${i} ${randomBytes(4).toString("hex")}`;
      const heardBefore = heard.length;
      const t = performance.now();
      const posted = await fetch(`${writerBase}/api/trpc/boards.reply`, {
        method: "POST",
        headers: { cookie: writer, "content-type": "application/json" },
        body: JSON.stringify({ json: { boardId, threadId, body: words } }),
      });
      if (!posted.ok) throw new Error(`the reply answered ${posted.status}: ${await posted.text()}`);
      const deadline = Date.now() + 10_000;
      while (heard.length === heardBefore && Date.now() < deadline) await sleep(2);
      // As the page does on the event: read the thread (the page the reply is on) until it is there.
      const page = Math.floor((i + 1) / 50) + 1;
      while (!(await readThread(page)).includes(words) && Date.now() < deadline) await sleep(5);
      latencies.push(performance.now() - t);
      await sleep(300);
    }
    events.abort();
    await listening;
    await close();
    return {
      posts: 100_000,
      threads: 1_000,
      seed_seconds: Number(seedSeconds.toFixed(1)),
      thread_page_of_50_trpc_caller: summary(pageSamples),
      board_first_page_of_threads_trpc_caller: summary(listSamples),
      post_to_other_reader_two_instances_http: {
        replies: latencies.length,
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
        max_ms: percentile(latencies, 100),
      },
    };
  } finally {
    for (const server of servers) await stop(server, "SIGTERM");
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
