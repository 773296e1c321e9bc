import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginAttempts, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { createTestDatabase } from "../testing/test-database";
import { attemptLogin } from "./login";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
const context = { ip: "198.51.100.4", userAgent: "Mozilla/5.0 test" };

beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

const lastAttempt = async () => (await db.select().from(loginAttempts).orderBy(desc(loginAttempts.id)).limit(1))[0];
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

describe("attemptLogin", () => {
  it("accepts the right password, records the login and resets the failure count", async () => {
    await attemptLogin(db, { email: "user@helix.example", password: "wrong-password" }, context);
    expect((await userRow(demo.users.product)).failedLoginAttempts).toBe(1);

    const result = await attemptLogin(db, { email: "  USER@helix.example ", password: demoPassword }, context);
    expect(result).toEqual({ ok: true, knownDevice: false, userId: demo.users.product, sessionVersion: 0 });
    const user = await userRow(demo.users.product);
    expect(user.failedLoginAttempts).toBe(0);
    expect(user.lastLoginIp).toBe("198.51.100.4");
    expect(user.lastLoginAt).toBeInstanceOf(Date);
    expect(await lastAttempt()).toMatchObject({
      success: true,
      userId: demo.users.product,
      reason: "ok",
      userAgent: "Mozilla/5.0 test",
    });
  });

  it("gives the same answer for a wrong password, an unknown email, a malformed email and empty fields", async () => {
    const answers = await Promise.all([
      attemptLogin(db, { email: "user@helix.example", password: "nope" }, context),
      attemptLogin(db, { email: "nobody@nowhere.example", password: "nope" }, context),
      attemptLogin(db, { email: "not-an-email", password: "nope" }, context),
      attemptLogin(db, { email: "", password: "" }, context),
      attemptLogin(db, undefined, context),
    ]);
    for (const answer of answers) expect(answer).toEqual({ ok: false });
  });

  it("writes nothing but the failure record for an unknown email", async () => {
    const before = await db.select().from(users);
    await attemptLogin(db, { email: "ghost@nowhere.example", password: "x" }, context);
    expect(await db.select().from(users)).toEqual(before);
    expect(await lastAttempt()).toMatchObject({
      success: false,
      userId: null,
      reason: "unknown_email",
      email: "ghost@nowhere.example",
    });
  });

  it("refuses a suspended user; with the right password says so (without counting a failure), with a wrong one says nothing and counts it", async () => {
    const result = await attemptLogin(db, { email: "erik.strand@stolav.example", password: demoPassword }, context);
    expect(result).toEqual({ ok: false, suspended: { userId: demo.users.suspended } });
    expect(await lastAttempt()).toMatchObject({ reason: "suspended" });
    expect((await userRow(demo.users.suspended)).failedLoginAttempts).toBe(0);
    expect(await attemptLogin(db, { email: "erik.strand@stolav.example", password: "a guess" }, context)).toEqual({
      ok: false,
    });
    expect((await userRow(demo.users.suspended)).failedLoginAttempts).toBe(1);
  });

  it("refuses a locked user until the lock expires", async () => {
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 60_000) })
      .where(eq(users.id, demo.users.clinicUser));
    expect(await attemptLogin(db, { email: "laura.garcia@clinic.example", password: demoPassword }, context)).toEqual({
      ok: false,
    });
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, demo.users.clinicUser));
    expect((await attemptLogin(db, { email: "laura.garcia@clinic.example", password: demoPassword }, context)).ok).toBe(
      true,
    );
  });

  it("makes an invited user Active at their first login", async () => {
    const { hashPassword } = await import("./password");
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("a-new-long-password") })
      .where(eq(users.id, demo.users.invited));
    expect(
      (await attemptLogin(db, { email: "kari.dahl@stolav.example", password: "a-new-long-password" }, context)).ok,
    ).toBe(true);
    const user = await userRow(demo.users.invited);
    expect(user.status).toBe("active");
    expect(user.activatedAt).toBeInstanceOf(Date);
  });
});
