import { eq, sql } from "drizzle-orm";
import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendStandIn, type StandIn } from "../../e2e/support/resend-stand-in";
import { auditLog, emailOutbox } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { deliverOutboxEmail, ProviderError } from "./deliver";
import { queueEmail } from "./outbox";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
let standIn: StandIn;
let resend: Resend;
const from = "Academy <no-reply@academy.example>";

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  standIn = await startResendStandIn({ apiKey: "re_test_key" });
  resend = new Resend("re_test_key", { baseUrl: standIn.url });
});
afterAll(() => standIn.close());

const jobsFor = async (outboxId: string) =>
  (
    await db.execute<{ id: string }>(
      sql`select id from pgboss.job where name = 'send-email' and data->>'outboxId' = ${outboxId}`,
    )
  ).length;

describe("email.sendTest", () => {
  it("writes the outbox row, its pg-boss job and an audit entry together", async () => {
    const { outboxId } = await callerFor(db, demo.users.owner).email.sendTest({ to: "QA@Hospital.example" });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId));
    expect(row).toMatchObject({ kind: "test", toAddress: "qa@hospital.example", status: "queued" });
    expect(row?.text).toContain("outgoing email works");
    expect(await jobsFor(outboxId)).toBe(1);
    const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, outboxId));
    expect(audits).toEqual([
      expect.objectContaining({ actorId: demo.users.owner, action: "email.test_sent", ip: "203.0.113.7" }),
    ]);
  });

  it("is owner-only: a market admin gets FORBIDDEN and nothing is written", async () => {
    const before = await db.select({ id: emailOutbox.id }).from(emailOutbox);
    await expect(callerFor(db, demo.users.market).email.sendTest({ to: "qa@hospital.example" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.select({ id: emailOutbox.id }).from(emailOutbox)).toEqual(before);
  });

  it("rejects a bad address with BAD_REQUEST and the field's issue", async () => {
    await expect(callerFor(db, demo.users.owner).email.sendTest({ to: "not an email" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("leaves neither row nor job when the surrounding transaction rolls back", async () => {
    let outboxId = "";
    await expect(
      db.transaction(async (tx) => {
        outboxId = await queueEmail(tx, { kind: "test", to: "x@y.example", subject: "s", html: "<p>h</p>", text: "t" });
        throw new Error("the change that caused the email failed");
      }),
    ).rejects.toThrow();
    expect(outboxId).not.toBe("");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId))).toEqual([]);
    expect(await jobsFor(outboxId)).toBe(0);
  });
});

describe("deliverOutboxEmail", () => {
  it("sends through the Resend SDK to the stand-in exactly once, however often it runs", async () => {
    const outboxId = await queueEmail(db, {
      kind: "test",
      to: "once@hospital.example",
      subject: "Once",
      html: "<p>1</p>",
      text: "1",
    });
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverOutboxEmail(db, resend, from, outboxId)));
    expect(outcomes.filter((o) => o === "sent").length).toBeGreaterThanOrEqual(1);
    expect(await deliverOutboxEmail(db, resend, from, outboxId)).toBe("already-done");
    const arrived = standIn.emails().filter((e) => e.to.includes("once@hospital.example"));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ from, subject: "Once", text: "1" });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId));
    expect(row).toMatchObject({ status: "sent", providerMessageId: arrived[0]!.id });
  });

  it("keeps the email as captured when no provider is configured", async () => {
    const outboxId = await queueEmail(db, {
      kind: "test",
      to: "dev@hospital.example",
      subject: "Dev",
      html: "<p>d</p>",
      text: "d",
    });
    expect(await deliverOutboxEmail(db, null, from, outboxId)).toBe("captured");
    expect(standIn.emails().some((e) => e.to.includes("dev@hospital.example"))).toBe(false);
  });

  it("reports a provider refusal with its Retry-After, so the job is retried later", async () => {
    const limited = await startResendStandIn({ apiKey: "re_test_key", requestsPerSecond: 1 });
    try {
      const client = new Resend("re_test_key", { baseUrl: limited.url });
      const first = await queueEmail(db, { kind: "test", to: "a@h.example", subject: "A", html: "a", text: "a" });
      const second = await queueEmail(db, { kind: "test", to: "b@h.example", subject: "B", html: "b", text: "b" });
      expect(await deliverOutboxEmail(db, client, from, first)).toBe("sent");
      const refusal = await deliverOutboxEmail(db, client, from, second).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ProviderError);
      expect((refusal as ProviderError).retryAfterSeconds).toBe(1);
      const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, second));
      expect(row?.status).toBe("failed");
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await deliverOutboxEmail(db, client, from, second)).toBe("sent");
    } finally {
      await limited.close();
    }
  });
});
