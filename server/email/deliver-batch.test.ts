import { eq, inArray } from "drizzle-orm";
import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendStandIn, type StandIn } from "../../e2e/support/resend-stand-in";
import { emailOutbox } from "../db/schema";
import { createTestDatabase } from "../testing/test-database";
import { deliverOutboxBatch } from "./deliver";
import { queueEmail } from "./outbox";
import { createSharedRateLimiter } from "./rate-limit";

const { db } = await createTestDatabase();
const from = "Academy <no-reply@academy.example>";
let standIn: StandIn;
let resend: Resend;
beforeAll(async () => {
  // Resend's default limit: 2 requests a second.
  standIn = await startResendStandIn({ apiKey: "re_batch", requestsPerSecond: 2 });
  resend = new Resend("re_batch", { baseUrl: standIn.url });
});
afterAll(() => standIn.close());

let run = 0;
async function queued(count: number) {
  run += 1;
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      await queueEmail(db, {
        kind: "test",
        to: `r${run}-${i}@hospital.example`,
        subject: `S${i}`,
        html: `<p>${i}</p>`,
        text: `${i}`,
      }),
    );
  return { ids, prefix: `r${run}-` };
}
const arrivedFor = (prefix: string) => standIn.emails().filter((e) => e.to[0]!.startsWith(prefix));
const statuses = async (ids: string[]) => [
  ...new Set(
    (await db.select({ s: emailOutbox.status }).from(emailOutbox).where(inArray(emailOutbox.id, ids))).map((r) => r.s),
  ),
];

describe("delivering the outbox in batches", () => {
  it("four workers share one budget through PostgreSQL: their calls are given moments 2 a second apart, whoever asks", async () => {
    const { ids, prefix } = await queued(800);
    const moments: number[] = [];
    // Four workers, each its own limiter over the one row, each sending a quarter in two calls.
    await Promise.all(
      [0, 1, 2, 3].map((w) => {
        const limiter = createSharedRateLimiter(db, "resend-shared", 2);
        const take = async () => moments.push((await limiter.take()).at.getTime());
        return deliverOutboxBatch(db, { provider: resend, from, beforeCall: take }, ids.slice(w * 200, (w + 1) * 200));
      }),
    );
    expect(arrivedFor(prefix)).toHaveLength(800);
    expect(new Set(arrivedFor(prefix).map((e) => e.to[0])).size).toBe(800);
    // Eight calls (and any retry a late wake-up on this busy test machine cost), each at least 1/2 s
    // and its margin after the one before, by the database's clock. The provider's own count of 429s
    // with four worker processes is in the benchmark.
    const sorted = moments.sort((a, b) => a - b);
    expect(sorted.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(524);
  });

  it("sends 250 emails in 3 calls of at most 100, waits out 429s, and delivers each exactly once", async () => {
    const { ids, prefix } = await queued(250);
    const outcomes = await deliverOutboxBatch(
      db,
      { provider: resend, from, beforeCall: createSharedRateLimiter(db, "resend-first", 2).take },
      ids,
    );
    expect([...outcomes.values()].every((o) => o === "sent")).toBe(true);
    const arrived = arrivedFor(prefix);
    expect(arrived).toHaveLength(250);
    expect(new Set(arrived.map((e) => e.to[0])).size).toBe(250);
    expect(await statuses(ids)).toEqual(["sent"]);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, ids[0]!));
    expect(row?.providerMessageId).toBe(arrived.find((e) => e.to[0] === row?.toAddress)?.id);
  });

  it("a run killed after the provider's answer is repeated as the same call: nothing is sent twice, even regrouped", async () => {
    const { ids, prefix } = await queued(40);
    // The killed run: rows claimed under a batch, the call made, the answer never recorded.
    const crashedBatch = crypto.randomUUID();
    await db.update(emailOutbox).set({ status: "sending", batchId: crashedBatch }).where(inArray(emailOutbox.id, ids));
    const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await resend.batch.send(
      rows.map((r) => ({ from, to: r.toAddress, subject: r.subject, html: r.html, text: r.text })),
      { idempotencyKey: `batch/${crashedBatch}` },
    );
    expect(arrivedFor(prefix)).toHaveLength(40);

    // pg-boss retries the jobs, in other groupings, in two workers at once.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all([
      deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 10 }, ids.slice(0, 25)),
      deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 10 }, ids.slice(15)),
    ]);
    expect(arrivedFor(prefix)).toHaveLength(40);
    expect(await statuses(ids)).toEqual(["sent"]);
  });

  it("three runs given overlapping jobs send each email once", async () => {
    const { ids, prefix } = await queued(120);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all([
      deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 20 }, ids.slice(0, 100)),
      deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 20 }, ids.slice(20)),
      deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 20 }, ids.slice(50, 120)),
    ]);
    expect(arrivedFor(prefix)).toHaveLength(120);
    expect(new Set(arrivedFor(prefix).map((e) => e.to[0])).size).toBe(120);
    expect(await statuses(ids)).toEqual(["sent"]);
    // Whether the runs' calls met a 429 depends on how fast this machine is; either way each email
    // went once (the first test above waits out 429s deterministically).
  });

  it("a refusal that sent nothing returns the rows to be regrouped; a later run sends them", async () => {
    const refusing = await startResendStandIn({ apiKey: "another_key" });
    try {
      const { ids, prefix } = await queued(3);
      const wrongKey = new Resend("re_batch", { baseUrl: refusing.url });
      await expect(deliverOutboxBatch(db, { provider: wrongKey, from }, ids)).rejects.toThrow(/Resend refused/);
      const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
      expect(rows.every((r) => r.status === "failed" && r.batchId === null && r.lastError !== null)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await deliverOutboxBatch(db, { provider: resend, from, maxWaitSeconds: 10 }, ids);
      expect(arrivedFor(prefix)).toHaveLength(3);
    } finally {
      await refusing.close();
    }
  });
});
