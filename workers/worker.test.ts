import { spawn, type ChildProcess } from "node:child_process";
import { inArray, sql } from "drizzle-orm";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendStandIn, type StandIn } from "../e2e/support/resend-stand-in";
import { emailOutbox } from "../server/db/schema";
import { queueEmail } from "../server/email/outbox";
import { createTestDatabase } from "../server/testing/test-database";

const { db, url } = await createTestDatabase();
const apiKey = "re_worker_test";
let standIn: StandIn;
const workers: ChildProcess[] = [];
beforeAll(async () => {
  standIn = await startResendStandIn({ apiKey, requestsPerSecond: 2 });
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await standIn.close();
});

/** The real worker process, as `npm run worker` starts it, pointed at this test's database and stand-in. */
function startWorker(options: { log?: (line: string) => void } = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      RESEND_API_KEY: apiKey,
      RESEND_BASE_URL: standIn.url,
      RESEND_REQUESTS_PER_SECOND: "2",
      EMAIL_FROM: "Academy <a@academy.example>",
    },
    stdio: ["ignore", options.log ? "pipe" : "ignore", "ignore"],
  });
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => chunk.split("\n").forEach((l) => options.log?.(l)));
  workers.push(child);
  return child;
}
/** Sends a job straight through pg-boss, without the app's payload check. */
async function sendRaw(queue: string, data: object): Promise<{ id: string }> {
  const boss = new PgBoss(url);
  await boss.start();
  try {
    const id = await boss.send(queue, data);
    if (!id) throw new Error("pg-boss did not queue the job");
    return { id };
  } finally {
    await boss.stop({ graceful: false });
  }
}
const waitUntil = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe("the worker process", () => {
  it("killed with SIGKILL in the middle of its batches, then two workers at once and pg-boss's retries: every email arrives exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 600; i++)
      ids.push(
        await queueEmail(db, {
          kind: "test",
          to: `kill${i}@hospital.example`,
          subject: "Kill test",
          html: "<p>k</p>",
          text: "k",
        }),
      );

    const first = startWorker();
    await waitUntil(() => standIn.emails().length >= 150, 60_000);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = standIn.emails().length;
    expect(atKill).toBeLessThan(600);

    startWorker();
    startWorker();
    // Done when every row is recorded as sent: a batch the killed worker had sent but not
    // recorded comes back (heartbeat lost → retried) and is repeated as the same call.
    const allSent = async () =>
      (await db.select({ status: emailOutbox.status }).from(emailOutbox).where(inArray(emailOutbox.id, ids))).every(
        (r) => r.status === "sent",
      );
    const end = Date.now() + 150_000;
    while (!(await allSent()) && Date.now() < end) await new Promise((r) => setTimeout(r, 250));

    const recipients = standIn.emails().map((e) => e.to[0]!);
    expect(new Set(recipients).size).toBe(600); // none lost
    expect(recipients).toHaveLength(600); // none twice
    const rows = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(inArray(emailOutbox.id, ids));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
  }, 200_000);

  it("a job whose payload is malformed is not retried: it goes to the dead-letter queue with the reason", async () => {
    startWorker();
    // Sent around the app's enqueue (which would refuse it), as a bad deploy or a hand-made job could.
    const bad = await sendRaw("lock-account", { lockId: "not-a-uuid" });
    const deadLetters = async () =>
      db.execute<{ data: { queue: string; jobId: string; error: string } }>(
        sql`select data from pgboss.job where name = 'dead-letter' and data->>'jobId' = ${bad.id}`,
      );
    const end = Date.now() + 30_000;
    while ((await deadLetters()).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    const [letter] = await deadLetters();
    expect(letter?.data).toMatchObject({
      queue: "lock-account",
      jobId: bad.id,
      error: expect.stringContaining("lockId"),
    });
    const [original] = await db.execute<{ state: string; retry_count: number }>(
      sql`select state, retry_count from pgboss.job where id = ${bad.id}`,
    );
    expect(original).toMatchObject({ state: "completed", retry_count: 0 });
  }, 60_000);

  it("seals the trail and writes each anchor to its log, and checks the whole trail when its nightly job comes", async () => {
    // This worker alone, so the anchor is in its log.
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    const lines: string[] = [];
    startWorker({ log: (line) => lines.push(line) });
    await db.execute(sql`insert into audit_log (action, target_type) values ('test.for_the_worker', 'test')`);
    await sendRaw("audit-seal", {});
    const anchors = () =>
      db.execute<{ seq: number; hash: string }>(
        sql`select seq::float8 as seq, encode(hash, 'hex') as hash from audit_anchors order by seq desc limit 1`,
      );
    const sealedBy = Date.now() + 30_000;
    while ((await anchors()).length === 0 && Date.now() < sealedBy) await new Promise((r) => setTimeout(r, 200));
    const [anchor] = await anchors();
    expect(anchor).toBeDefined();
    await waitUntil(() => lines.some((l) => l.includes(anchor!.hash)), 10_000);
    // The log's copy of the anchor, outside the database: its link, its hash and its MAC.
    expect(lines.find((l) => l.includes(anchor!.hash))).toMatch(
      new RegExp(`"seq":${anchor!.seq}.*"mac":"[0-9a-f]{64}"`),
    );

    await sendRaw("audit-verify", {});
    const checks = () =>
      db.execute<{ whole: boolean; intact: boolean }>(sql`select whole, intact from audit_verifications`);
    const checkedBy = Date.now() + 30_000;
    while ((await checks()).length === 0 && Date.now() < checkedBy) await new Promise((r) => setTimeout(r, 200));
    expect(await checks()).toEqual([{ whole: true, intact: true }]);
  }, 60_000);
});
