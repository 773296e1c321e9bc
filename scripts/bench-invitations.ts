/**
 * `npm run bench -- --invitations N`: the email pipeline of the invitations issue, end to end.
 * A fresh database with N Not invited users; the Resend stand-in limited to 2 requests a second
 * (Resend's default); the real worker process (pg-boss, batches of 100, the real Resend SDK), or
 * K of them (`--workers K`) sharing the installation's one budget of provider calls.
 *  - throughput: one press of "Invite everyone not yet invited" through the tRPC caller, with the
 *    workers running: the request's answer time, the time until the bulk operation is done and
 *    until the last email is at the stand-in; emails/s as they arrive, duplicates, lost;
 *  - latency: one invitation at a time with the worker idle, from the call to the email at the
 *    stand-in, p50/p95.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { withEmailBenchInstallation } from "./bench-email-installation";
import { percentile } from "./bench-measure";

export function benchInvitations(count: number, workerCount = 1): Promise<Record<string, unknown>> {
  return withEmailBenchInstallation("invitations", async ({ db, demo, standIn, startWorker }) => {
    const { createCaller } = await import("../server/api/root");
    const { createInnerContext } = await import("../server/api/trpc");
    const owner = createCaller(
      createInnerContext({ db, sessionUserId: demo.users.owner, ip: null, userAgent: "bench" }),
    );

    // N users in the Endoscopy unit, set-based.
    const [group] = await db.execute<{ id: string; path: string }>(
      sql`select id, path from nodes where id = ${demo.nodes.endoscopy}`,
    );
    const ancestors = group!.path.split("/").filter(Boolean).slice(1);
    await db.execute(
      sql`insert into users (email, first_name, last_name) select 'invitee' || g || '@bench.example', 'Invitee', 'No ' || g from generate_series(1, ${count}) g`,
    );
    await db.execute(
      sql`insert into memberships (user_id, node_id) select id, ${group!.id} from users where email like 'invitee%@bench.example'`,
    );
    for (const nodeId of ancestors)
      await db.execute(
        sql`insert into user_scopes (node_id, user_id) select ${nodeId}, id from users where email like 'invitee%@bench.example'`,
      );
    // 1. Throughput. The workers run, as in production; one press of "Invite everyone not yet
    // invited" (the users table's bulk action) through the tRPC caller: the request records the
    // operation, its items and its chunk jobs, and answers; the workers do the rest.
    for (let w = 0; w < workerCount; w++) startWorker();
    await new Promise((r) => setTimeout(r, 3000)); // the workers' start-up is not the click's cost
    const clickStart = performance.now();
    const { operationId } = await owner.users.bulk({
      requestKey: `bench-${Date.now()}`,
      action: "invite",
      everyoneNotInvited: true,
      nodeId: demo.nodes.endoscopy,
    });
    const answerMs = performance.now() - clickStart;
    const deliveryStart = Date.now();
    const deadline = deliveryStart + Math.max(120_000, count * 20);
    let operationDoneMs: number | null = null;
    while (standIn.emails().length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (operationDoneMs === null) {
        const [row] = await db.execute<{ finished: boolean }>(
          sql`select finished_at is not null as finished from bulk_operations where id = ${operationId}`,
        );
        if (row?.finished) operationDoneMs = Date.now() - deliveryStart;
      }
    }
    const arrivals = standIn
      .emails()
      .map((e) => e.receivedAt)
      .sort((a, b) => a - b);
    const recipients = standIn.emails().map((e) => e.to[0]!);
    const unique = new Set(recipients).size;
    // Sustained rate: between the 10th and the 90th percentile of arrivals, past the start-up.
    const from = arrivals[Math.floor(arrivals.length * 0.1)]!;
    const to = arrivals[Math.floor(arrivals.length * 0.9)]!;
    const sustained = ((arrivals.length * 0.8) / Math.max(0.001, (to - from) / 1000)).toFixed(1);
    const throughput = {
      invitations: count,
      workers: workerCount,
      click_answer_ms: Number(answerMs.toFixed(1)),
      operation_done_seconds_from_click: operationDoneMs === null ? null : Number((operationDoneMs / 1000).toFixed(1)),
      last_email_seconds_from_click: Number(((arrivals.at(-1)! - deliveryStart) / 1000).toFixed(1)),
      sustained_emails_per_second: Number(sustained),
      overall_emails_per_second: Number((arrivals.length / ((arrivals.at(-1)! - arrivals[0]!) / 1000)).toFixed(1)),
      arrived: recipients.length,
      duplicates: recipients.length - unique,
      lost: count - unique,
      refused_with_429: standIn.rateLimited(),
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
      invite_to_stand_in_ms: {
        n: samples.length,
        p50_ms: percentile(samples, 50),
        p95_ms: percentile(samples, 95),
        max_ms: percentile(samples, 100),
      },
    };
  });
}
