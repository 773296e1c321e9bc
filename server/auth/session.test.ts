import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, settings, trustedDevices, userSessions, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { createInnerContext } from "../api/trpc";
import { createCaller } from "../api/root";
import { insertUser } from "../users/create-user";
import { changePassword } from "./change-password";
import { attemptLogin } from "./login";
import { hashPassword } from "./password";
import { activeSessions, endSession, sessionIsCurrent, startSession } from "./session";
import { hashToken } from "./account-tokens";
import { findTrustedDevice, trustDevice } from "./trusted-devices";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
let passwordHash: string;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  passwordHash = await hashPassword(demoPassword);
});

let counter = 0;
async function freshUser() {
  const email = `session${++counter}@stolav.example`;
  const user = await insertUser(db, {
    email,
    firstName: "Sam",
    lastName: `No ${counter}`,
    passwordHash,
    status: "active",
    memberOf: [demo.nodes.cardiology],
  });
  return { id: user.id, email };
}
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
async function signedIn(
  userId: string,
  userAgent:
    | string
    | null = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
) {
  const sessionVersion = (await userRow(userId)).sessionVersion;
  const sessionId = await startSession(db, { userId, sessionVersion, ip: "203.0.113.5", userAgent });
  return { userId, sessionVersion, sessionId };
}
const age = (sessionId: string, set: { createdMinutesAgo?: number; lastSeenMinutesAgo?: number }) =>
  db.execute(sql`update user_sessions set
    created_at = now() - make_interval(mins => ${set.createdMinutesAgo ?? 0}),
    last_seen_at = now() - make_interval(mins => ${set.lastSeenMinutesAgo ?? 0}) where id = ${sessionId}`);
const callerIn = (claims: { userId: string; sessionId: string }) =>
  createCaller(
    createInnerContext({
      db,
      sessionUserId: claims.userId,
      sessionId: claims.sessionId,
      ip: "203.0.113.5",
      userAgent: "vitest",
    }),
  );

describe("sessions, enforced on the server from their own row", () => {
  it("end after the idle limit without a request (default 30 minutes), and say why", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await age(session.sessionId, { createdMinutesAgo: 40, lastSeenMinutesAgo: 29 });
    expect(await sessionIsCurrent(db, session)).toBe(true);
    await age(session.sessionId, { createdMinutesAgo: 40, lastSeenMinutesAgo: 31 });
    expect(await sessionIsCurrent(db, session)).toBe(false);
    expect((await db.select().from(userSessions).where(eq(userSessions.id, session.sessionId)))[0]).toMatchObject({
      endReason: "idle",
    });
  });

  it("end at the absolute limit after sign-in (default 8 hours), however busy: requests move only the idle limit", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await age(session.sessionId, { createdMinutesAgo: 8 * 60 - 1, lastSeenMinutesAgo: 1 });
    expect(await sessionIsCurrent(db, session)).toBe(true); // touches last-seen…
    await age(session.sessionId, { createdMinutesAgo: 8 * 60 + 1, lastSeenMinutesAgo: 0 });
    expect(await sessionIsCurrent(db, session)).toBe(false); // …but never the sign-in time
    expect((await db.select().from(userSessions).where(eq(userSessions.id, session.sessionId)))[0]).toMatchObject({
      endReason: "expired",
    });
  });

  it("follow the limits of Settings", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await age(session.sessionId, { createdMinutesAgo: 70, lastSeenMinutesAgo: 5 });
    await db.update(settings).set({ sessionMaxHours: 1 }).where(eq(settings.id, true));
    try {
      expect(await sessionIsCurrent(db, session)).toBe(false);
    } finally {
      await db.update(settings).set({ sessionMaxHours: 8 }).where(eq(settings.id, true));
    }
  });

  it("end with sign-out, for every copy of the cookie", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await endSession(db, session.sessionId, "signed_out");
    expect(await sessionIsCurrent(db, session)).toBe(false);
  });

  it("end for good with suspension: reactivation does not revive them", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await callerFor(db, demo.users.customer).users.setSuspended({ userId: id, suspended: true });
    expect(await sessionIsCurrent(db, session)).toBe(false);
    await callerFor(db, demo.users.customer).users.setSuspended({ userId: id, suspended: false });
    expect(await sessionIsCurrent(db, session)).toBe(false);
    expect(await sessionIsCurrent(db, await signedIn(id))).toBe(true);
  });

  it("end with a password change, and with the deletion of the user; a forged session id is nobody's", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await changePassword(
      db,
      id,
      { current: demoPassword, next: "quiet harbour lanterns at dusk" },
      { ip: null, sessionId: null },
    );
    expect(await sessionIsCurrent(db, session)).toBe(false);
    const other = await signedIn(id);
    expect(await sessionIsCurrent(db, { ...other, userId: demo.users.product })).toBe(false);
    await db.delete(users).where(eq(users.id, id));
    expect(await sessionIsCurrent(db, other)).toBe(false);
  });

  it("are listed for their owner, who ends one or every other; isolation matrix: nobody ends another person's", async () => {
    const { id } = await freshUser();
    const phone = await signedIn(
      id,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
    );
    const laptop = await signedIn(id);
    const tablet = await signedIn(id, null);
    const listed = await callerIn(laptop).me.sessions();
    expect(listed.map((s) => s.id).sort()).toEqual([phone.sessionId, laptop.sessionId, tablet.sessionId].sort());
    expect(listed.find((s) => s.current)?.id).toBe(laptop.sessionId);
    expect(listed.find((s) => s.id === phone.sessionId)).toMatchObject({
      device: expect.stringContaining("iOS"),
      browser: expect.stringContaining("Safari"),
    });
    expect(listed.find((s) => s.id === laptop.sessionId)).toMatchObject({
      device: expect.stringContaining("Windows"),
      browser: "Chrome 156",
    });

    await expect(callerFor(db, demo.users.product).me.endSession({ sessionId: phone.sessionId })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    expect(await sessionIsCurrent(db, phone)).toBe(true);
    await callerIn(laptop).me.endSession({ sessionId: phone.sessionId });
    expect(await sessionIsCurrent(db, phone)).toBe(false);
    expect(await callerIn(laptop).me.endOtherSessions()).toEqual({ ended: 1 });
    expect(await sessionIsCurrent(db, tablet)).toBe(false);
    expect(await sessionIsCurrent(db, laptop)).toBe(true);
    expect(await activeSessions(db, id, laptop.sessionId)).toHaveLength(1);
  });

  it("are ended by an admin whose scope covers the whole account", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    await expect(callerFor(db, demo.users.clinicUser).users.endSessions({ userId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await sessionIsCurrent(db, session)).toBe(true);
    expect(await callerFor(db, demo.users.customer).users.endSessions({ userId: id })).toEqual({ ended: 1 });
    expect(await sessionIsCurrent(db, session)).toBe(false);
  });
});

describe("guessing from inside a session", () => {
  it("wrong current passwords on 'change password' count like failed logins and lock the account at the threshold", async () => {
    const { id } = await freshUser();
    for (let i = 0; i < 5; i++) {
      await expect(
        changePassword(
          db,
          id,
          { current: `guess ${i}`, next: "quiet harbour lanterns at dusk" },
          { ip: "203.0.113.77", sessionId: null },
        ),
      ).rejects.toThrow("Your current password is not right.");
    }
    expect((await userRow(id)).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Locked: even the right password is not checked any more, and the refusal says so, not "wrong".
    await expect(
      changePassword(
        db,
        id,
        { current: demoPassword, next: "quiet harbour lanterns at dusk" },
        { ip: "203.0.113.77", sessionId: null },
      ),
    ).rejects.toThrow("This account is locked after several failed attempts, so nothing was checked.");
    expect((await userRow(id)).passwordHash).toBe(passwordHash);
  });
});

describe("secrets asked inside one's own session", () => {
  const next = "quiet harbour lanterns at dusk";

  it("a lock caused by others' failed sign-ins does not stop the signed-in person from proving it is them", async () => {
    const { id, email } = await freshUser();
    const session = await signedIn(id);
    for (let i = 0; i < 5; i++)
      await attemptLogin(db, { email, password: `stranger ${i}` }, { ip: "198.51.100.9", userAgent: null });
    expect((await userRow(id)).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Her right password, in her own session: checked, and right.
    expect(await callerIn(session).me.changePassword({ current: demoPassword, next })).toMatchObject({ problems: [] });
    expect(await attemptLogin(db, { email, password: next }, { ip: "203.0.113.5", userAgent: null })).toEqual({
      ok: false,
    });
  });

  it("a session that guesses is ended at the threshold, without locking the account; what is not checked is never called wrong", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    const guess = (current: string) => callerIn(session).me.changePassword({ current, next });
    for (let i = 0; i < 5; i++)
      await expect(guess(`guess ${i}`)).rejects.toThrow("Your current password is not right.");
    expect(await sessionIsCurrent(db, session)).toBe(false);
    const [ended] = await db.select().from(userSessions).where(eq(userSessions.id, session.sessionId));
    expect(ended).toMatchObject({ endReason: "too_many_wrong_secrets", secretFailures: 5 });
    // The account is not locked by it: the person signs in again from anywhere.
    expect((await userRow(id)).lockedUntil).toBeNull();
    // The right password on the ended session is not checked, and is not called wrong.
    await expect(guess(demoPassword)).rejects.toThrow("Your session has ended, so nothing was checked. Sign in again.");
    expect((await userRow(id)).passwordHash).toBe(passwordHash);
  });

  it("a right secret clears the session's count: typos now and then never end it", async () => {
    const { id } = await freshUser();
    const session = await signedIn(id);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++)
        await expect(callerIn(session).me.startTwoFactor({ password: `typo ${round}.${i}` })).rejects.toThrow(
          "That password is not right.",
        );
      await callerIn(session).me.startTwoFactor({ password: demoPassword });
    }
    expect(await sessionIsCurrent(db, session)).toBe(true);
  });
});

describe("device cookies: trusted by the server, for a time, until the password changes", () => {
  it("a password change revokes every trusted browser; one unused for the cookie's lifetime counts for nothing", async () => {
    const { id } = await freshUser();
    const token = await trustDevice(db, id);
    expect(await findTrustedDevice(db, id, [token])).not.toBeNull();
    await changePassword(
      db,
      id,
      { current: demoPassword, next: "quiet harbour lanterns at dusk" },
      { ip: null, sessionId: null },
    );
    expect(await findTrustedDevice(db, id, [token])).toBeNull();
    // Trusted again after signing in with the new password; then left unused past the cookie's lifetime.
    const again = await trustDevice(db, id);
    expect(await findTrustedDevice(db, id, [again])).not.toBeNull();
    await db.execute(sql`update trusted_devices set last_used_at = now() - interval '366 days' where user_id = ${id}`);
    expect(await findTrustedDevice(db, id, [again])).toBeNull();
  });

  it("a browser that locks itself again within a day is locked twice as long, and the person is emailed each time", async () => {
    const { id, email } = await freshUser();
    const token = await trustDevice(db, id);
    const lockDevice = async () => {
      for (let i = 0; i < 5; i++)
        await attemptLogin(
          db,
          { email, password: `typo ${i}` },
          // A network of its own: the per-network throttle the other tests count on is not touched.
          { ip: "198.51.100.61", userAgent: null, deviceTokens: [token] },
        );
      const [device] = await db.select().from(trustedDevices).where(eq(trustedDevices.userId, id));
      return Math.round((device!.lockedUntil!.getTime() - Date.now()) / 60_000);
    };
    expect(await lockDevice()).toBe(15);
    // The lock runs out; the same browser fails again the same day.
    await db.execute(sql`update trusted_devices set locked_until = now() - interval '1 second' where user_id = ${id}`);
    expect(await lockDevice()).toBe(30);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mails.filter((m) => m.kind === "device_locked")).toHaveLength(2);
    expect(mails[0]!.text).toContain("Your account and your other browsers are not affected.");
    // The account itself stays open.
    expect((await userRow(id)).lockedUntil).toBeNull();
  });
});

describe("device cookies: a stranger's guesses cannot lock a person out of their own browser", () => {
  it("failures from unknown browsers lock the account; the person's known browser still gets in", async () => {
    const { id, email } = await freshUser();
    const token = await trustDevice(db, id);
    for (let i = 0; i < 5; i++)
      await attemptLogin(db, { email, password: `stranger ${i}` }, { ip: "198.51.100.9", userAgent: null });
    expect((await userRow(id)).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await attemptLogin(db, { email, password: demoPassword }, { ip: "198.51.100.9", userAgent: null })).toEqual({
      ok: false,
    });
    expect(
      await attemptLogin(
        db,
        { email, password: demoPassword },
        { ip: "203.0.113.5", userAgent: null, deviceTokens: [token] },
      ),
    ).toMatchObject({ ok: true, knownDevice: true });
  });

  it("failures from a known browser count against it alone: the account stays open to the person's other browsers", async () => {
    const { id, email } = await freshUser();
    const token = await trustDevice(db, id);
    const otherToken = await trustDevice(db, id);
    for (let i = 0; i < 5; i++)
      await attemptLogin(
        db,
        { email, password: `typo ${i}` },
        { ip: "203.0.113.5", userAgent: null, deviceTokens: [token] },
      );
    expect(await userRow(id)).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
    // The browser that failed, by its token (two trusted in the same instant share a creation time).
    const [device] = await db
      .select()
      .from(trustedDevices)
      .where(eq(trustedDevices.tokenHash, hashToken(token)));
    expect(device?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(
      await attemptLogin(
        db,
        { email, password: demoPassword },
        { ip: "203.0.113.5", userAgent: null, deviceTokens: [token] },
      ),
    ).toEqual({ ok: false });
    expect(
      await attemptLogin(
        db,
        { email, password: demoPassword },
        { ip: "203.0.113.5", userAgent: null, deviceTokens: [otherToken] },
      ),
    ).toMatchObject({ ok: true });
  });

  it("a device token of another person counts for nothing", async () => {
    const { email } = await freshUser();
    const someoneElses = await trustDevice(db, demo.users.product);
    for (let i = 0; i < 5; i++)
      await attemptLogin(
        db,
        { email, password: `wrong ${i}` },
        { ip: "198.51.100.10", userAgent: null, deviceTokens: [someoneElses] },
      );
    expect(
      await attemptLogin(
        db,
        { email, password: demoPassword },
        { ip: "198.51.100.10", userAgent: null, deviceTokens: [someoneElses] },
      ),
    ).toEqual({ ok: false });
  });
});
