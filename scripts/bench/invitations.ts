/**
 * `npm run bench -- --invitations N`: the email pipeline of the invitations issue, end to end.
 * A fresh database with N Not invited users; the Resend stand-in limited to 2 requests a second
 * (Resend's default); the real worker process (pg-boss, batches of 100, the real Resend SDK), or
 * K of them (`--workers K`) sharing the installation's one budget of provider calls.
 *  - throughput: N invitations created first, then the workers started; emails/s as they arrive
 *    at the stand-in, duplicates, lost, 429s;
 *  - one click: "Invite everyone not yet invited" on N more people through the tRPC caller, with
 *    the workers running: the request's answer, the time until the bulk operation is done and
 *    until the last email is at the stand-in;
 *  - latency: one invitation at a time with the worker idle, from the call to the email at the
 *    stand-in, p50/p95.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { withEmailBenchInstallation } from "./email-installation";
import { percentile } from "./measure";

export function benchInvitations(count: number, workerCount = 1): Promise<Record<string, unknown>> {
  return withEmailBenchInstallation("invitations", async ({ db, demo, standIn, startWorker }) => {
    const { createCaller } = await import("../../server/api/root");
    const { createInnerContext } = await import("../../server/api/trpc");
    const owner = createCaller(
      createInnerContext({ db, sessionUserId: demo.users.owner, ip: null, userAgent: "bench" }),
    );

    const [group] = await db.execute<{ id: string; path: string }>(
      sql`select id, path from nodes where id = ${demo.nodes.endoscopy}`,
    );
    const ancestors = group!.path.split("/").filter(Boolean).slice(1);
    /** N Not invited users in the Endoscopy unit, set-based, their addresses starting with `prefix`. */
    async function placeUsers(prefix: string, n: number) {
      await db.execute(
        sql`insert into users (email, first_name, last_name) select ${prefix} || g || '@bench.example', 'Invitee', 'No ' || g from generate_series(1, ${n}) g`,
      );
      await db.execute(
        sql`insert into memberships (user_id, node_id) select id, ${group!.id} from users where email like ${`${prefix}%@bench.example`}`,
      );
      for (const nodeId of ancestors)
        await db.execute(
          sql`insert into user_scopes (node_id, user_id) select ${nodeId}, id from users where email like ${`${prefix}%@bench.example`}`,
        );
    }
    /** Waits until `n` emails to addresses starting with `prefix` are at the stand-in; their arrivals. */
    async function arrivalsOf(prefix: string, n: number, deadline: number, onTick?: () => Promise<void>) {
      const mine = () => standIn.emails().filter((e) => e.to[0]!.startsWith(prefix));
      while (mine().length < n && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        await onTick?.();
      }
      const recipients = mine().map((e) => e.to[0]!);
      const unique = new Set(recipients).size;
      const arrivals = mine()
        .map((e) => e.receivedAt)
        .sort((x, y) => x - y);
      // Sustained rate: between the 10th and the 90th percentile of arrivals, past the start-up.
      const from = arrivals[Math.floor(arrivals.length * 0.1)]!;
      const to = arrivals[Math.floor(arrivals.length * 0.9)]!;
      return {
        last: arrivals.at(-1)!,
        figures: {
          sustained_emails_per_second: Number(
            ((arrivals.length * 0.8) / Math.max(0.001, (to - from) / 1000)).toFixed(1),
          ),
          arrived: recipients.length,
          duplicates: recipients.length - unique,
          lost: n - unique,
        },
      };
    }

    // 1. The installation's one email budget. N invitations created first (each as the invite
    // button does), then K workers started: emails/s as they arrive at the stand-in, 429s.
    await placeUsers("invitee", count);
    const { inviteUser } = await import("../../server/invitations/invite");
    const links = { appUrl: "https://academy.example", secret: "bench-secret-of-at-least-32-characters!!" };
    const ids = (
      await db.execute<{ id: string }>(sql`select id from users where email like 'invitee%@bench.example'`)
    ).map((r) => r.id);
    const audit = { actorId: demo.users.owner, ip: null };
    await Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = lane; i < ids.length; i += 4) await inviteUser(db, audit, links, ids[i]!);
      }),
    );
    const refusedBefore = standIn.rateLimited();
    for (let w = 0; w < workerCount; w++) startWorker();
    const workersStarted = Date.now();
    const budget = await arrivalsOf("invitee", count, workersStarted + Math.max(120_000, count * 20));
    const throughput = {
      invitations: count,
      workers: workerCount,
      delivered_in_seconds_from_worker_start: Number(((budget.last - workersStarted) / 1000).toFixed(1)),
      ...budget.figures,
      refused_with_429: standIn.rateLimited() - refusedBefore,
    };

    // 2. One click: "Invite everyone not yet invited" on N more people, through the tRPC caller,
    // with the workers running. The request records the operation, its items and its chunk jobs
    // and answers; the workers invite, and send within the one budget.
    await placeUsers("clicked", count);
    // The app's first enqueue starts its queue client: a running app has done that long before.
    await owner.users.invite({ userId: ids[0]! });
    // The reference: one person invited by one request (the user page's Invite button).
    const singleStart = performance.now();
    await owner.users.invite({ userId: ids[1]! });
    const singleMs = performance.now() - singleStart;
    const refusedBeforeClick = standIn.rateLimited();
    const clickStart = performance.now();
    const clickedAt = Date.now();
    const { operationId } = await owner.users.bulk({
      requestKey: `bench-${clickedAt}`,
      action: "invite",
      everyoneNotInvited: true,
      nodeId: demo.nodes.endoscopy,
    });
    const answerMs = performance.now() - clickStart;
    let operationDone: number | null = null;
    const click = await arrivalsOf("clicked", count, clickedAt + Math.max(180_000, count * 30), async () => {
      if (operationDone !== null) return;
      const [row] = await db.execute<{ finished: boolean }>(
        sql`select finished_at is not null as finished from bulk_operations where id = ${operationId}`,
      );
      if (row?.finished) operationDone = Date.now();
    });
    const [items] = await db.execute<{ total: number; done: number }>(
      sql`select count(*)::int as total, (count(*) filter (where status = 'done'))::int as done from bulk_operation_items where operation_id = ${operationId}`,
    );
    const oneClick = {
      invitations: count,
      workers: workerCount,
      items: items?.total,
      items_done: items?.done,
      click_answer_ms: Number(answerMs.toFixed(1)),
      one_invite_request_ms: Number(singleMs.toFixed(1)),
      click_answer_over_one_invite: Number((answerMs / singleMs).toFixed(1)),
      operation_done_seconds_from_click:
        operationDone === null ? null : Number(((operationDone - clickedAt) / 1000).toFixed(1)),
      last_email_seconds_from_click: Number(((click.last - clickedAt) / 1000).toFixed(1)),
      ...click.figures,
      refused_with_429: standIn.rateLimited() - refusedBeforeClick,
    };

    // 2. Latency: one invitation at a time, worker idle, spaced so the rate limit is not the cause.
    await db.execute(
      sql`insert into users (email, first_name, last_name) select 'single' || g || '@bench.example', 'Single', 'No ' || g from generate_series(1, 60) g`,
    );
    await db.execute(
      sql`insert into memberships (user_id, node_id) select id, ${group!.id} from users where email like 'single%@bench.example'`,
    );
    for (const nodeId of ancestors)
      await db.execute(
        sql`insert into user_scopes (node_id, user_id) select ${nodeId}, id from users where email like 'single%@bench.example'`,
      );
    const singles = await db.execute<{ id: string; email: string }>(
      sql`select id, email from users where email like 'single%@bench.example' order by email`,
    );
    const samples: number[] = [];
    for (const [i, user] of singles.entries()) {
      await new Promise((r) => setTimeout(r, 600));
      const t = performance.now();
      await owner.users.invite({ userId: user.id });
      while (!standIn.emails().some((e) => e.to[0] === user.email)) await new Promise((r) => setTimeout(r, 5));
      if (i >= 10) samples.push(performance.now() - t); // the first ten warm up the worker's paths
    }
    return {
      throughput,
      one_click: oneClick,
      invite_to_stand_in_ms: {
        n: samples.length,
        p50_ms: percentile(samples, 50),
        p95_ms: percentile(samples, 95),
        max_ms: percentile(samples, 100),
      },
    };
  });
}
