import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attemptLogin } from "../../../auth/login";
import { judgePassword } from "../../../auth/password-policy";
import { accountTokens, emailOutbox, invitations, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { deliverOutboxEmail } from "../../../email/deliver";
import { acceptInvitation, invitationFor } from "../../../invitations/accept";
import { completeBulk, requestKey } from "../../../testing/bulk-jobs";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase({ APP_URL: "https://academy.helix.example" });
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const strong = "violet kettle under nine lanterns";

/** The link as the person receives it, from the newest invitation email to them. */
async function linkIn(to: string): Promise<{ token: string; outboxId: string }> {
  const mails = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "invitation")))
    .orderBy(emailOutbox.createdAt);
  const mail = mails.at(-1)!;
  const token = /https:\/\/academy\.helix\.example\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
  return { token, outboxId: mail.id };
}
const statusOf = async (id: string) => (await db.select({ s: users.status }).from(users).where(eq(users.id, id)))[0]?.s;

describe("inviting a user", () => {
  it("queues the email with a link; Invited once the provider accepts it; the page shows the same link and the history", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    await customer.users.invite({ userId: target.id });
    const { token, outboxId } = await linkIn(target.email);
    expect(await statusOf(target.id)).toBe("not_invited");
    const [stored] = await db.select().from(accountTokens).where(eq(accountTokens.userId, target.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tokenHash).not.toContain(token);
    // 256 random bits stored beside the hash; the token needs the server's key as well.
    expect(stored?.derivationSalt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored?.derivationSalt).not.toBe(token);

    expect(await deliverOutboxEmail(db, null, "Academy <a@b.example>", outboxId)).toBe("captured");
    expect(await statusOf(target.id)).toBe("invited");

    const overview = await customer.users.invitation({ userId: target.id });
    expect(overview.currentLink).toBe(`https://academy.helix.example/invite/${token}`);
    expect(overview.history).toMatchObject([{ kind: "first", sentByName: "Camilla Haugen", emailStatus: "captured" }]);
  });

  it("a re-send rotates the token: the old link stops working, the new one works once and signs the person in as Active", async () => {
    const target = await freshUserIn("orTechs");
    const owner = callerFor(db, demo.users.owner);
    await owner.users.invite({ userId: target.id });
    const first = await linkIn(target.email);
    await owner.users.invite({ userId: target.id });
    const second = await linkIn(target.email);
    expect(second.token).not.toBe(first.token);
    expect(await invitationFor(db, first.token)).toBeNull();
    expect(await acceptInvitation(db, first.token, strong, null)).toEqual({ ok: false, reason: "invalid" });

    const weak = await acceptInvitation(db, second.token, "password1234", null);
    expect(weak).toMatchObject({ ok: false, reason: "weak" });
    expect(await invitationFor(db, second.token)).not.toBeNull(); // a weak password leaves the link working
    expect(await acceptInvitation(db, second.token, strong, "198.51.100.9")).toEqual({ ok: true, email: target.email });
    expect(await acceptInvitation(db, second.token, strong, null)).toEqual({ ok: false, reason: "invalid" });
    expect((await owner.users.invitation({ userId: target.id })).currentLink).toBeNull();
    expect(
      (await db.select({ kind: invitations.kind }).from(invitations).where(eq(invitations.userId, target.id)))
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["first", "resend"]);

    expect(
      await attemptLogin(db, { email: target.email, password: strong }, { ip: null, userAgent: null }),
    ).toMatchObject({ ok: true });
    expect(await statusOf(target.id)).toBe("active");
  });

  it("an expired link does nothing; suspended and active users are not invited", async () => {
    const target = await freshUserIn("orTechs");
    const owner = callerFor(db, demo.users.owner);
    await owner.users.invite({ userId: target.id });
    const { token } = await linkIn(target.email);
    await db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, target.id));
    expect(await acceptInvitation(db, token, strong, null)).toEqual({ ok: false, reason: "invalid" });
    await expect(owner.users.invite({ userId: demo.users.suspended })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.users.invite({ userId: demo.users.product })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("isolation matrix: outside the scope, no invitation, no link, no list of a node, nothing changes", async () => {
    const target = await freshUserIn("endoscopy");
    const before = await snapshot();
    await expect(callerFor(db, demo.users.customer).users.invite({ userId: target.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, demo.users.customer).users.invitation({ userId: target.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, demo.users.market).users.invitation({ userId: target.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, demo.users.product).users.invite({ userId: target.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, demo.users.product).users.notInvited({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(db, demo.users.customer).users.notInvited({ nodeId: demo.nodes.endoscopy }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { outcomes } = await completeBulk(
      db,
      callerFor(db, demo.users.group).users.bulk({ requestKey: requestKey(), action: "invite", userIds: [target.id] }),
    );
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });

  it("counts the Not invited users in scope for 'invite all', without the suspended", async () => {
    const group = callerFor(db, demo.users.group);
    const before = (await group.users.notInvited({ nodeId: demo.nodes.cardiology })).count;
    const fresh = await freshUserIn("cardiology");
    expect((await group.users.notInvited({ nodeId: demo.nodes.cardiology })).count).toBe(before + 1);
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, fresh.id));
    expect((await group.users.notInvited({ nodeId: demo.nodes.cardiology })).count).toBe(before);
    await expect(
      callerFor(db, demo.users.group).users.notInvited({ nodeId: demo.nodes.orTechs }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the password policy", () => {
  it("wants 12 characters and a password zxcvbn-ts cannot guess, and says why in words", () => {
    expect(judgePassword("short")).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.stringContaining("at least 12 characters")]),
    });
    expect(judgePassword("password1234").ok).toBe(false);
    expect(judgePassword("qwertyuiop123").ok).toBe(false);
    expect(judgePassword("ingridnilsen2026", ["user@helix.example", "Ingrid", "Nilsen"]).ok).toBe(false);
    expect(judgePassword(strong)).toMatchObject({ ok: true, problems: [] });
  });
});

describe("the onboarding funnel", () => {
  it("counts the actor's scope by stage, without suspended users, and refuses product users", async () => {
    const funnel = await callerFor(db, demo.users.group).users.funnel();
    const [row] = (await db.execute<{ n: number }>(
      (await import("drizzle-orm"))
        .sql`select count(*)::int as n from users u join user_scopes s on s.user_id = u.id where s.node_id = ${demo.nodes.cardiology} and u.suspended_at is null`,
    )) as unknown as [{ n: number }];
    expect(funnel.notInvited + funnel.invited + funnel.active).toBe(row.n);
    expect(funnel.delivered + funnel.bounced).toBeLessThanOrEqual(funnel.invited);
    await expect(callerFor(db, demo.users.product).users.funnel()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
