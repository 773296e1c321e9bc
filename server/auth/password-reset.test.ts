import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountLocks, accountTokens, auditLog, emailOutbox, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { createTestDatabase } from "../testing/test-database";
import { hashToken } from "./account-tokens";
import { changePassword } from "./change-password";
import { attemptLogin } from "./login";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { sessionIsCurrent, startSession } from "./session";

const { db } = await createTestDatabase();
const links = { appUrl: "https://academy.example", secret: "test-secret-of-at-least-32-characters!!" };
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const resetMails = (to: string) =>
  db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "password_reset")));
const tokenIn = (text: string) => text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const newPassword = "amber tractor sings below";

describe("password reset from the sign-in page", () => {
  it("answers the same for known, unknown and suspended addresses; only the known one gets a link, of 256 bits, stored hashed", async () => {
    for (const email of ["user@helix.example", "nobody@helix.example", "erik.strand@stolav.example"]) {
      await expect(requestPasswordReset(db, links, { email }, { ip: "203.0.113.30" })).resolves.toBeUndefined();
    }
    const [mail] = await resetMails("user@helix.example");
    expect(await resetMails("nobody@helix.example")).toEqual([]);
    expect(await resetMails("erik.strand@stolav.example")).toEqual([]);
    const token = tokenIn(mail!.text)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const [row] = await db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ purpose: "password_reset", userId: demo.users.product, usedAt: null });
    expect(JSON.stringify(await db.select().from(accountTokens))).not.toContain(token);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  });

  it("a weak password leaves the link working; a good one is set once, ends every session and lifts a lock", async () => {
    await requestPasswordReset(db, links, { email: "group@helix.example" }, { ip: "203.0.113.31" });
    const token = tokenIn((await resetMails("group@helix.example"))[0]!.text)!;
    const before = await userRow(demo.users.group);
    const session = await startSession(db, {
      userId: demo.users.group,
      sessionVersion: before.sessionVersion,
      ip: null,
      userAgent: null,
    });
    // Locked after failed logins meanwhile.
    for (let i = 0; i < 5; i++)
      await attemptLogin(
        db,
        { email: "group@helix.example", password: "wrong" },
        { ip: "203.0.113.32", userAgent: null },
      );
    expect((await userRow(demo.users.group)).lockedUntil).not.toBeNull();

    expect(await resetPassword(db, token, "password123", null)).toMatchObject({ ok: false, reason: "weak" });
    expect(await resetPassword(db, token, newPassword, "203.0.113.31")).toEqual({
      ok: true,
      email: "group@helix.example",
    });
    expect(await resetPassword(db, token, "another fine long phrase", null)).toEqual({ ok: false, reason: "invalid" });

    const after = await userRow(demo.users.group);
    expect(after).toMatchObject({
      lockedUntil: null,
      failedLoginAttempts: 0,
      sessionVersion: before.sessionVersion + 1,
    });
    expect(
      await sessionIsCurrent(db, {
        userId: demo.users.group,
        sessionVersion: before.sessionVersion,
        sessionId: session,
      }),
    ).toBe(false);
    expect((await db.select().from(accountLocks).where(eq(accountLocks.userId, demo.users.group)))[0]).toMatchObject({
      unlockReason: "password_reset",
    });
    expect(
      (
        await attemptLogin(
          db,
          { email: "group@helix.example", password: newPassword },
          { ip: "203.0.113.31", userAgent: null },
        )
      ).ok,
    ).toBe(true);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.password_reset"), eq(auditLog.targetId, demo.users.group))),
    ).toHaveLength(1);
  });

  it("an expired link, a malformed one and a revoked one do not work", async () => {
    await requestPasswordReset(db, links, { email: "market@helix.example" }, { ip: "203.0.113.33" });
    const older = tokenIn((await resetMails("market@helix.example"))[0]!.text)!;
    await requestPasswordReset(db, links, { email: "market@helix.example" }, { ip: "203.0.113.33" });
    const newer = tokenIn((await resetMails("market@helix.example"))[1]!.text)!;
    expect(await resetPassword(db, older, newPassword, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await resetPassword(db, "not-a-token", newPassword, null)).toEqual({ ok: false, reason: "invalid" });
    await db
      .update(accountTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(accountTokens.tokenHash, hashToken(newer)));
    expect(await resetPassword(db, newer, newPassword, null)).toEqual({ ok: false, reason: "invalid" });
    expect(
      (await attemptLogin(db, { email: "market@helix.example", password: demoPassword }, { ip: null, userAgent: null }))
        .ok,
    ).toBe(true);
  });

  it("three requests an hour per address: the fourth sends nothing, and still says the same", async () => {
    for (let i = 0; i < 4; i++)
      await requestPasswordReset(db, links, { email: "customer@helix.example" }, { ip: `203.0.113.${40 + i}` });
    expect(await resetMails("customer@helix.example")).toHaveLength(3);
  });
});

describe("changing one's own password", () => {
  it("needs the current password and a good new one; ends the other sessions", async () => {
    const before = await userRow(demo.users.owner);
    const session = await startSession(db, {
      userId: demo.users.owner,
      sessionVersion: before.sessionVersion,
      ip: null,
      userAgent: null,
    });
    await expect(
      changePassword(db, demo.users.owner, { current: "wrong", next: newPassword }, { ip: null, sessionId: null }),
    ).rejects.toThrow("Your current password is not right.");
    expect(
      await changePassword(
        db,
        demo.users.owner,
        { current: demoPassword, next: "short" },
        { ip: null, sessionId: null },
      ),
    ).toMatchObject({ problems: expect.arrayContaining([expect.stringContaining("12 characters")]) });
    expect(
      await changePassword(
        db,
        demo.users.owner,
        { current: demoPassword, next: newPassword },
        { ip: "203.0.113.50", sessionId: null },
      ),
    ).toEqual({ problems: [] });
    expect((await userRow(demo.users.owner)).sessionVersion).toBe(before.sessionVersion + 1);
    expect(
      await sessionIsCurrent(db, {
        userId: demo.users.owner,
        sessionVersion: before.sessionVersion,
        sessionId: session,
      }),
    ).toBe(false);
    expect(
      (await attemptLogin(db, { email: "owner@helix.example", password: newPassword }, { ip: null, userAgent: null }))
        .ok,
    ).toBe(true);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.password_changed"), eq(auditLog.targetId, demo.users.owner))),
    ).toHaveLength(1);
  });
});
