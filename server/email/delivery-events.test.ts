import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { applyDeliveryEvent } from "./delivery-events";

const secret = `whsec_${Buffer.from("a webhook secret of this test run, 32b").toString("base64")}`;
const { db } = await createTestDatabase({ RESEND_WEBHOOK_SECRET: secret });
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

/** Invites Ola and pretends the provider accepted the email under `providerId`. */
async function invitedWithProviderId(providerId: string) {
  await callerFor(db, demo.users.owner).users.invite({ userId: demo.users.notInvited });
  const [mail] = await db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.userId, demo.users.notInvited))
    .orderBy(sql`${emailOutbox.createdAt} desc`)
    .limit(1);
  await db
    .update(emailOutbox)
    .set({ status: "sent", providerMessageId: providerId })
    .where(eq(emailOutbox.id, mail!.id));
  return mail!.id;
}

/** A delivery as Resend's webhook sends it, handed to the API as the route handler does. */
function deliver(
  body: object,
  options: { sign?: boolean; secretOverride?: string; tamper?: boolean; id?: string } = {},
) {
  const payload = JSON.stringify(body);
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const now = new Date();
  const signature = new Webhook(options.secretOverride ?? secret).sign(id, now, payload);
  const signed = options.sign !== false;
  return callerFor(db, null, "server")
    .email.deliveryWebhook({
      id: signed ? id : "",
      timestamp: signed ? String(Math.floor(now.getTime() / 1000)) : "",
      signature: signed ? signature : "",
      payload: options.tamper ? payload.replace("bounced", "delivered") : payload,
    })
    .then((r) => r.outcome);
}

const jobsQueued = async () =>
  Number(
    (await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'delivery-event'`))[0]
      ?.n ?? 0,
  );

describe("Resend's delivery webhook", () => {
  it("queues a signed event once per delivery id; refuses unsigned, forged and tampered requests", async () => {
    const event = {
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: {
        email_id: "re_abc",
        created_at: "",
        message_id: "",
        from: "a@b.example",
        to: ["x@y.example"],
        subject: "s",
        bounce: { message: "mailbox full", subType: "General", type: "Permanent" },
      },
    };
    const before = await jobsQueued();
    expect(await deliver(event, { sign: false })).toBe("refused");
    const otherSecret = `whsec_${Buffer.from("some other secret entirely, 32 bytes").toString("base64")}`;
    expect(await deliver(event, { secretOverride: otherSecret })).toBe("refused");
    expect(await deliver(event, { tamper: true })).toBe("refused");
    expect(await jobsQueued()).toBe(before);
    expect(await deliver(event, { id: "msg_replayed" })).toBe("queued");
    expect(await jobsQueued()).toBe(before + 1);
    // The same delivery again (Resend's retry, or a replay within the signature's window): acknowledged, nothing queued.
    expect(await deliver(event, { id: "msg_replayed" })).toBe("ignored");
    expect(await jobsQueued()).toBe(before + 1);
    // Over HTTP the procedure does not exist: only the route handler (which caps the body) reaches it.
    await expect(
      callerFor(db, null).email.deliveryWebhook({ id: "x", timestamp: "1", signature: "s", payload: "{}" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("records bounced on the email and the invited user; a later 'delivered' does not undo it; replays change nothing", async () => {
    const outboxId = await invitedWithProviderId("re_bounce_1");
    expect(await applyDeliveryEvent(db, { type: "email.bounced", emailId: "re_bounce_1", at: "" })).toBe("applied");
    await applyDeliveryEvent(db, { type: "email.delivered", emailId: "re_bounce_1", at: "" });
    await applyDeliveryEvent(db, { type: "email.bounced", emailId: "re_bounce_1", at: "" });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId));
    expect(mail?.deliveryStatus).toBe("bounced");
    const [user] = await db
      .select({ d: users.invitationDelivery })
      .from(users)
      .where(eq(users.id, demo.users.notInvited));
    expect(user?.d).toBe("bounced");
    const page = await callerFor(db, demo.users.customer).users.list({ search: "ola" });
    expect(page.items[0]).toMatchObject({ invitationDelivery: "bounced" });
  });

  it("a new invitation clears the old verdict, and an event about the old email no longer speaks for the user", async () => {
    await invitedWithProviderId("re_old");
    await invitedWithProviderId("re_new");
    await applyDeliveryEvent(db, { type: "email.complained", emailId: "re_old", at: "" });
    const [user] = await db
      .select({ d: users.invitationDelivery })
      .from(users)
      .where(eq(users.id, demo.users.notInvited));
    expect(user?.d).toBeNull();
    await applyDeliveryEvent(db, { type: "email.delivered", emailId: "re_new", at: "" });
    expect(
      (await db.select({ d: users.invitationDelivery }).from(users).where(eq(users.id, demo.users.notInvited)))[0]?.d,
    ).toBe("delivered");
    expect(await applyDeliveryEvent(db, { type: "email.delivered", emailId: "re_nobody", at: "" })).toBe(
      "unknown-email",
    );
  });
});
