import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountTokens, auditLog, emailOutbox, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";
import { confirmEmailChange } from "../../../users/change-email";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);

/** The token as the person receives it: read from the link in the queued email. */
async function linkTokenFor(to: string): Promise<string> {
  const [mail] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "email_change")));
  const match = mail?.text.match(/\/confirm-email\/([A-Za-z0-9_-]{43})/);
  if (!match?.[1]) throw new Error(`no confirmation link sent to ${to}`);
  return match[1];
}

describe("changing a user's email", () => {
  it("waits for the link sent to the new address; only then is it the login, once, and older sessions end", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    await customer.users.requestEmailChange({ userId: target.id, newEmail: " New.Address@StOlav.example " });
    const [pending] = await db.select().from(users).where(eq(users.id, target.id));
    expect(pending).toMatchObject({ email: target.email, pendingEmail: "new.address@stolav.example" });
    const notice = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, target.email), eq(emailOutbox.kind, "email_change_notice")));
    expect(notice).toHaveLength(1);

    const token = await linkTokenFor("new.address@stolav.example");
    const [stored] = await db.select().from(accountTokens).where(eq(accountTokens.userId, target.id));
    expect(stored?.tokenHash).not.toContain(token);
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    expect(await confirmEmailChange(db, token, "198.51.100.4")).toEqual({
      changed: true,
      email: "new.address@stolav.example",
    });
    const [after] = await db.select().from(users).where(eq(users.id, target.id));
    expect(after).toMatchObject({ email: "new.address@stolav.example", pendingEmail: null, sessionVersion: 1 });
    expect(await confirmEmailChange(db, token, null)).toEqual({ changed: false, reason: "invalid" });
    const entries = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entries.map((e) => e.action)).toEqual(["user.email_change_requested", "user.email_changed"]);
  });

  it("a newer request or a withdrawal makes the earlier link useless; an expired link does nothing", async () => {
    const target = await freshUserIn("orTechs");
    const owner = callerFor(db, demo.users.owner);
    await owner.users.requestEmailChange({ userId: target.id, newEmail: "first.try@stolav.example" });
    const first = await linkTokenFor("first.try@stolav.example");
    await owner.users.requestEmailChange({ userId: target.id, newEmail: "second.try@stolav.example" });
    expect(await confirmEmailChange(db, first, null)).toEqual({ changed: false, reason: "invalid" });
    const second = await linkTokenFor("second.try@stolav.example");
    await owner.users.cancelEmailChange({ userId: target.id });
    expect(await confirmEmailChange(db, second, null)).toEqual({ changed: false, reason: "invalid" });

    await owner.users.requestEmailChange({ userId: target.id, newEmail: "third.try@stolav.example" });
    await db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, target.id));
    expect(await confirmEmailChange(db, await linkTokenFor("third.try@stolav.example"), null)).toEqual({
      changed: false,
      reason: "invalid",
    });
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row?.email).toBe(target.email);
  });

  it("refuses an address in use, the same address, and users outside the scope, changing nothing", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    const before = await snapshot();
    await expect(
      customer.users.requestEmailChange({ userId: target.id, newEmail: "user@helix.example" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      customer.users.requestEmailChange({ userId: target.id, newEmail: target.email }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      customer.users.requestEmailChange({ userId: target.id, newEmail: "not an email" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      customer.users.requestEmailChange({ userId: demo.users.devonUser, newEmail: "x@stolav.example" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(customer.users.cancelEmailChange({ userId: demo.users.devonUser })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(db, demo.users.group).users.requestEmailChange({
        userId: demo.users.customer,
        newEmail: "x@stolav.example",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("if the address was taken meanwhile, confirming changes nothing and says so", async () => {
    const target = await freshUserIn("orTechs");
    await callerFor(db, demo.users.owner).users.requestEmailChange({
      userId: target.id,
      newEmail: "race@stolav.example",
    });
    const token = await linkTokenFor("race@stolav.example");
    await freshUserIn("orTechs").then((other) =>
      db.update(users).set({ email: "race@stolav.example" }).where(eq(users.id, other.id)),
    );
    expect(await confirmEmailChange(db, token, null)).toEqual({ changed: false, reason: "taken" });
  });
});
