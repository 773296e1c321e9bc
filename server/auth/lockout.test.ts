import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountLocks, auditLog, emailOutbox, loginAttempts, notifications, settings, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { insertUser } from "../users/create-user";
import { processAccountLock } from "./account-lock";
import { unlockWhenDue } from "./lock-records";
import { attemptLogin } from "./login";
import { hashPassword } from "./password";
import { sessionIsCurrent, startSession } from "./session";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
let passwordHash: string;
const links = { appUrl: "https://academy.example", secret: "test-secret-of-at-least-32-characters!!" };

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  passwordHash = await hashPassword(demoPassword);
});

let counter = 0;
/** A fresh active product user in Cardiology nurses (St Olav), so each rule starts from a clean count. */
async function freshUser(): Promise<{ id: string; email: string }> {
  const email = `nurse${++counter}@stolav.example`;
  const user = await insertUser(db, {
    email,
    firstName: "Nurse",
    lastName: `No ${counter}`,
    passwordHash,
    status: "active",
    memberOf: [demo.nodes.cardiology],
  });
  return { id: user.id, email };
}
const from = (ip: string) => ({ ip, userAgent: "Mozilla/5.0 test" });
const attemptsOf = (userId: string, reason: string) =>
  db
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.userId, userId), eq(loginAttempts.reason, reason)));
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const locksOf = (userId: string) =>
  db.select().from(accountLocks).where(eq(accountLocks.userId, userId)).orderBy(accountLocks.lockedAt);
const lockJobs = async (lockId: string, queue: string) =>
  db.execute<{ start_after: Date }>(
    sql`select start_after from pgboss.job where name = ${queue} and data->>'lockId' = ${lockId}`,
  );

describe("lockout after failed logins", () => {
  it("50 simultaneous wrong passwords check at most the threshold's number; then 50 right passwords are all refused, unchecked", async () => {
    const { id, email } = await freshUser();
    const wrong = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        attemptLogin(db, { email, password: `wrong guess ${i}` }, from("203.0.113.50")),
      ),
    );
    expect(wrong.every((r) => r.ok === false)).toBe(true);
    expect(await attemptsOf(id, "wrong_password")).toHaveLength(5);
    const user = await userRow(id);
    expect(user.failedLoginAttempts).toBe(5);
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(user.loginsInFlight).toBe(0);
    expect(await locksOf(id)).toHaveLength(1);

    const right = await Promise.all(
      Array.from({ length: 50 }, () => attemptLogin(db, { email, password: demoPassword }, from("203.0.113.51"))),
    );
    expect(right.every((r) => r.ok === false)).toBe(true);
    expect(await attemptsOf(id, "wrong_password")).toHaveLength(5);
    expect(await attemptsOf(id, "ok")).toHaveLength(0);
  });

  it("50 simultaneous right passwords on an account that is not locked all get in", async () => {
    const { id, email } = await freshUser();
    // Four failures already: near the threshold, where a naive gate would refuse concurrent logins.
    for (let i = 0; i < 4; i++) await attemptLogin(db, { email, password: "wrong" }, from("203.0.113.60"));
    const results = await Promise.all(
      Array.from({ length: 50 }, () => attemptLogin(db, { email, password: demoPassword }, from("203.0.113.61"))),
    );
    expect(results.filter((r) => r.ok === true)).toHaveLength(50);
    const user = await userRow(id);
    expect(user).toMatchObject({
      failedLoginAttempts: 0,
      lockedUntil: null,
      loginsInFlight: 0,
      lastLoginIp: "203.0.113.61",
    });
    expect(user.lastLoginAt).toBeInstanceOf(Date);
  });

  it("the lock job audits, emails a reset link, notifies exactly the admins who may manage the user, and schedules the unlock; twice does it once", async () => {
    const { id, email } = await freshUser();
    for (let i = 0; i < 5; i++) await attemptLogin(db, { email, password: "wrong" }, from("203.0.113.70"));
    const [lock] = await locksOf(id);
    expect(lock).toMatchObject({ failures: 5, ip: "203.0.113.70", processedAt: null });
    expect(await lockJobs(lock!.id, "lock-account")).toHaveLength(1);

    expect(await processAccountLock(db, links, lock!.id)).toBe("processed");
    expect(await processAccountLock(db, links, lock!.id)).toBe("already_processed");

    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.kind, "account_locked")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(
      /locked after 5 failed sign-in attempts \(the last from the network address 203\.0\.113\.70\)/,
    );
    expect(mails[0]!.text).toMatch(/https:\/\/academy\.example\/reset-password\/[A-Za-z0-9_-]{43}/);

    // Cardiology's group admin, St Olav's customer admin, the Nordics market admin and the owner: nobody else.
    const recipients = (await db.select().from(notifications).where(eq(notifications.sourceId, lock!.id))).map(
      (n) => n.recipientId,
    );
    expect(recipients.sort()).toEqual(
      [demo.users.group, demo.users.customer, demo.users.market, demo.users.owner].sort(),
    );
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.locked"), eq(auditLog.targetId, id))),
    ).toHaveLength(1);

    const [unlockJob] = await lockJobs(lock!.id, "unlock-account");
    expect(new Date(unlockJob!.start_after).getTime()).toBe(lock!.lockedUntil.getTime());

    // Isolation matrix of notifications: each admin reads and marks only their own.
    const ownerList = await callerFor(db, demo.users.owner).notifications.list();
    const mine = ownerList.find((n) => n.link === `/dashboard/users/${id}`)!;
    expect(mine).toMatchObject({ title: "Nurse No " + counter + "'s account locked itself", readAt: null });
    // A product user has a bell of their own (community boards), never anyone else's.
    expect(await callerFor(db, demo.users.product).notifications.list()).not.toContainEqual(
      expect.objectContaining({ id: mine.id }),
    );
    expect(await callerFor(db, demo.users.clinicUser).notifications.markRead({ ids: [mine.id] })).toEqual({
      changed: 0,
    });
    expect(await callerFor(db, demo.users.market).notifications.markRead({ ids: [mine.id] })).toEqual({ changed: 0 });
    expect(await callerFor(db, demo.users.owner).notifications.unread()).toBe(1);
    expect(await callerFor(db, demo.users.owner).notifications.markRead({ ids: [mine.id] })).toEqual({ changed: 1 });
    expect(await callerFor(db, demo.users.owner).notifications.unread()).toBe(0);
    await expect(callerFor(db, demo.users.owner).notifications.markRead({ ids: ["not-a-uuid"] })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
  });

  it("each further lock within 24 hours lasts twice as long, at most 24 hours; the unlock job lifts only a lock that is due", async () => {
    const { id, email } = await freshUser();
    const lockOut = async () => {
      for (let i = 0; i < 5; i++) await attemptLogin(db, { email, password: "wrong" }, from("203.0.113.80"));
    };
    const minutesLocked = async () => Math.round(((await userRow(id)).lockedUntil!.getTime() - Date.now()) / 60_000);

    await lockOut();
    expect(await minutesLocked()).toBe(15);
    const [first] = await locksOf(id);
    expect(await unlockWhenDue(db, first!.id)).toBe("not_due");
    // Time passes: the lock is due.
    const past = new Date(Date.now() - 1000);
    await db.update(accountLocks).set({ lockedUntil: past }).where(eq(accountLocks.id, first!.id));
    await db.update(users).set({ lockedUntil: past }).where(eq(users.id, id));
    expect(await unlockWhenDue(db, first!.id)).toBe("unlocked");
    expect(await unlockWhenDue(db, first!.id)).toBe("already_unlocked");
    expect(await userRow(id)).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });

    await lockOut();
    expect(await minutesLocked()).toBe(30);
    await db.update(users).set({ lockedUntil: null, failedLoginAttempts: 0 }).where(eq(users.id, id));
    await db.update(settings).set({ lockoutMinutes: 1000 }).where(eq(settings.id, true));
    try {
      await lockOut();
      expect(await minutesLocked()).toBe(24 * 60);
    } finally {
      await db.update(settings).set({ lockoutMinutes: 15 }).where(eq(settings.id, true));
    }
  });

  it("a lock does not end a session already signed in (a stranger's guesses are no weapon); an admin in scope unlocks, one outside cannot", async () => {
    const { id, email } = await freshUser();
    const login = await attemptLogin(db, { email, password: demoPassword }, from("203.0.113.90"));
    if (login.ok !== true) throw new Error("the login should have worked");
    const sessionId = await startSession(db, {
      userId: id,
      sessionVersion: login.sessionVersion,
      ip: null,
      userAgent: null,
    });
    for (let i = 0; i < 5; i++) await attemptLogin(db, { email, password: "wrong" }, from("203.0.113.91"));
    expect((await userRow(id)).lockedUntil).not.toBeNull();
    expect(await sessionIsCurrent(db, { userId: id, sessionVersion: login.sessionVersion, sessionId })).toBe(true);

    await expect(callerFor(db, demo.users.clinicUser).users.unlock({ userId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await userRow(id)).lockedUntil).not.toBeNull();
    await callerFor(db, demo.users.customer).users.unlock({ userId: id });
    expect(await userRow(id)).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
    expect((await locksOf(id))[0]).toMatchObject({ unlockReason: "admin", unlockedBy: demo.users.customer });
    expect((await attemptLogin(db, { email, password: demoPassword }, from("203.0.113.90"))).ok).toBe(true);
  });
});

describe("a threshold lowered below an account's failures", () => {
  it("gives the account one check: a wrong password locks it properly, the right one gets in", async () => {
    const { id, email } = await freshUser();
    const wrongThenLocked = await freshUser();
    await db
      .update(users)
      .set({ failedLoginAttempts: 7 })
      .where(inArray(users.id, [id, wrongThenLocked.id]));
    expect((await attemptLogin(db, { email, password: demoPassword }, from("203.0.113.95"))).ok).toBe(true);
    await attemptLogin(db, { email: wrongThenLocked.email, password: "wrong" }, from("203.0.113.95"));
    expect((await userRow(wrongThenLocked.id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await locksOf(wrongThenLocked.id)).toHaveLength(1);
  });
});

describe("per-IP throttling across accounts", () => {
  it("past the failure limit from one IP, its attempts are refused unchecked for a while, without touching the accounts tried", async () => {
    const victims = await Promise.all([freshUser(), freshUser(), freshUser()]);
    const stuffer = from("198.18.0.66");
    // 30 failures spread over many addresses, none of them reaching an account's threshold.
    for (let i = 0; i < 30; i++) {
      const target = i < 6 ? victims[i % 3]!.email : `nobody${i}@stolav.example`;
      await attemptLogin(db, { email: target, password: "Winter2026!" }, stuffer);
    }
    const right = await attemptLogin(db, { email: victims[0]!.email, password: demoPassword }, stuffer);
    expect(right).toEqual({ ok: false });
    expect(
      (await db.select().from(loginAttempts).where(eq(loginAttempts.ip, "198.18.0.66")).orderBy(loginAttempts.id)).at(
        -1,
      ),
    ).toMatchObject({ reason: "ip_throttled" });
    const counts = await db
      .select({ failed: users.failedLoginAttempts, lockedUntil: users.lockedUntil })
      .from(users)
      .where(
        inArray(
          users.id,
          victims.map((v) => v.id),
        ),
      );
    expect(counts).toEqual(victims.map(() => ({ failed: 2, lockedUntil: null })));
    // The same person from another network gets in.
    expect((await attemptLogin(db, { email: victims[0]!.email, password: demoPassword }, from("198.18.0.67"))).ok).toBe(
      true,
    );
  });
});
