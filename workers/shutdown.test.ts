import { spawn, type ChildProcess } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkOperations } from "../server/db/schema";
import { seedDemo, type DemoInstallation } from "../server/demo/seed-demo";
import { stopEnqueueing } from "../server/jobs/enqueue";
import { requestKey } from "../server/testing/bulk-jobs";
import { callerFor } from "../server/testing/callers";
import { createTestDatabase } from "../server/testing/test-database";

const { db, url } = await createTestDatabase();
let demo: DemoInstallation;
const running: ChildProcess[] = [];
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
afterAll(async () => {
  for (const child of running) child.kill("SIGKILL");
  await stopEnqueueing();
});

/** The real worker process, as `npm run worker` starts it; resolves once it says it is ready. */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: url,
      AUTH_SECRET: process.env.AUTH_SECRET,
      UPLOAD_DIR: ".data/test-uploads",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("[worker] ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`the worker stopped before it was ready (${code})`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

async function counts(operationId: string) {
  const [row] = await db.execute<{ done: number; pending: number; invitations: number; emails: number }>(sql`
    select
      (select count(*)::int from bulk_operation_items where operation_id = ${operationId} and status = 'done') as done,
      (select count(*)::int from bulk_operation_items where operation_id = ${operationId} and status = 'pending') as pending,
      (select count(*)::int from invitations i join bulk_operation_items b on b.target_id = i.user_id and b.operation_id = ${operationId}) as invitations,
      (select count(*)::int from email_outbox o join bulk_operation_items b on b.target_id = o.user_id and b.operation_id = ${operationId} where o.kind = 'invitation') as emails`);
  return row!;
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("stopping a worker (SIGTERM)", () => {
  it("finishes what it holds and exits; another worker does the rest: nothing lost, nothing done twice", async () => {
    const total = 400;
    // 400 Not invited people in Endoscopy, set-based, with their scope rows.
    await db.execute(sql`
      with created as (
        insert into users (email, first_name, last_name)
        select 'stop' || g || '@shutdown.example', 'Stop', 'No ' || g from generate_series(1, ${total}) g
        returning id)
      insert into memberships (user_id, node_id) select id, ${demo.nodes.endoscopy} from created`);
    await db.execute(sql`
      insert into user_scopes (node_id, user_id)
      select n.id, u.id from users u, nodes n
      where u.email like 'stop%@shutdown.example' and n.id in (${demo.nodes.royalDevon}, ${demo.nodes.endoscopy})`);
    const { operationId } = await callerFor(db, demo.users.owner).users.bulk({
      requestKey: requestKey(),
      action: "invite",
      everyoneNotInvited: true,
      nodeId: demo.nodes.endoscopy,
    });

    const first = await startWorker();
    await until(async () => (await counts(operationId)).done > 0, 30_000);
    const stopped = exited(first);
    first.kill("SIGTERM");
    expect(await stopped).toBe(0);
    const atStop = await counts(operationId);
    // A chunk commits whole: what the stopped worker did is done with its invitation and email.
    expect(atStop.done % 50 === 0 || atStop.pending === 0).toBe(true);
    expect(atStop.invitations).toBe(atStop.done);

    const second = await startWorker();
    await until(
      async () =>
        (await db.select().from(bulkOperations).where(eq(bulkOperations.id, operationId)))[0]?.finishedAt != null,
      60_000,
    );
    const after = await counts(operationId);
    expect(after.pending).toBe(0);
    expect(after.done).toBeGreaterThanOrEqual(total);
    expect(after.invitations).toBe(after.done);
    expect(after.emails).toBe(after.done);
    const stoppedSecond = exited(second);
    second.kill("SIGTERM");
    expect(await stoppedSecond).toBe(0);
  }, 120_000);
});
