import { and, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, loginAttempts, recoveryCodes, settings, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { insertUser } from "../users/create-user";
import { hashPassword } from "./password";
import { attemptLogin, attemptSecondFactor } from "./login";
import { issueSignInTicket, redeemSignInTicket } from "./sign-in/ticket";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, renewRecoveryCodes } from "./two-factor";

const { db } = await createTestDatabase();
const serverSecret = "test-secret-of-at-least-32-characters!!";
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const context = { ip: "203.0.113.20", userAgent: "vitest" };
/** The code an authenticator app shows for the secret, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

/** Enrols a demo user and returns their secret and recovery codes. */
async function enrol(userId: string) {
  const { secret } = await beginEnrolment(db, serverSecret, userId, demoPassword, { ip: null, sessionId: null });
  const { recoveryCodes: codes } = await confirmEnrolment(db, serverSecret, userId, codeFor(secret), null);
  // The enrolment used the current step: sign-ins in this test use the next one, as a real app would 30 s later.
  return { secret, codes };
}

describe("two-step verification (TOTP)", () => {
  it("enrols with a QR code and a confirming code; stores the secret encrypted and ten recovery codes hashed", async () => {
    const started = await beginEnrolment(db, serverSecret, demo.users.product, demoPassword, {
      ip: null,
      sessionId: null,
    });
    expect(started.qrCodeSvg).toMatch(/^<svg/);
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    await expect(confirmEnrolment(db, serverSecret, demo.users.product, "000000", null)).rejects.toThrow(
      "That code did not match.",
    );
    expect((await userRow(demo.users.product)).twoFactorEnabled).toBe(false);

    const { recoveryCodes: codes } = await confirmEnrolment(
      db,
      serverSecret,
      demo.users.product,
      codeFor(started.secret),
      "203.0.113.20",
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const user = await userRow(demo.users.product);
    expect(user).toMatchObject({ twoFactorEnabled: true, totpPendingSecret: null });
    expect(user.totpSecret).not.toContain(started.secret);
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, demo.users.product));
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes).not.toContain(row.codeHash);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.two_factor_enabled"), eq(auditLog.targetId, demo.users.product))),
    ).toHaveLength(1);
    await expect(
      beginEnrolment(db, serverSecret, demo.users.product, demoPassword, { ip: null, sessionId: null }),
    ).rejects.toThrow("already on");
  });

  it("the login asks for the code after the password; a code works once; a recovery code works once", async () => {
    const { secret, codes } = await enrol(demo.users.devonUser);
    const first = await attemptLogin(db, { email: "tom.hughes@royaldevon.example", password: demoPassword }, context);
    if (first.ok !== "second_factor") throw new Error("a code should have been asked for");
    expect(first.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(
      await attemptSecondFactor(db, serverSecret, { challenge: first.challenge, code: "123456" }, context),
    ).toEqual({ ok: false });
    const next = codeFor(secret, 1);
    const signedIn = await attemptSecondFactor(db, serverSecret, { challenge: first.challenge, code: next }, context);
    expect(signedIn).toMatchObject({ ok: true, userId: demo.users.devonUser });
    // The challenge is used up, and the same code is refused with a new one.
    expect(await attemptSecondFactor(db, serverSecret, { challenge: first.challenge, code: next }, context)).toEqual({
      ok: false,
    });
    const again = await attemptLogin(db, { email: "tom.hughes@royaldevon.example", password: demoPassword }, context);
    if (again.ok !== "second_factor") throw new Error("a code should have been asked for");
    expect(await attemptSecondFactor(db, serverSecret, { challenge: again.challenge, code: next }, context)).toEqual({
      ok: false,
    });
    expect(
      await attemptSecondFactor(
        db,
        serverSecret,
        { challenge: again.challenge, code: codes[0]!.toUpperCase() },
        context,
      ),
    ).toMatchObject({ ok: true });
    const third = await attemptLogin(db, { email: "tom.hughes@royaldevon.example", password: demoPassword }, context);
    if (third.ok !== "second_factor") throw new Error("a code should have been asked for");
    expect(
      await attemptSecondFactor(db, serverSecret, { challenge: third.challenge, code: codes[0]! }, context),
    ).toEqual({ ok: false });
    expect(
      await db
        .select()
        .from(loginAttempts)
        .where(and(eq(loginAttempts.userId, demo.users.devonUser), eq(loginAttempts.reason, "wrong_code"))),
    ).toHaveLength(3);
  });

  it("an HTTP client may send the code with the password in one request", async () => {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(demoPassword), status: "active" })
      .where(eq(users.id, demo.users.notInvited));
    const { secret } = await enrol(demo.users.notInvited);
    const credentials = { email: "ola.nordmann@stolav.example", password: demoPassword };
    expect(await attemptLogin(db, { ...credentials, code: "" }, context, serverSecret)).toMatchObject({
      ok: "second_factor",
    });
    expect(await attemptLogin(db, { ...credentials, code: "111111" }, context, serverSecret)).toEqual({ ok: false });
    expect(await attemptLogin(db, { ...credentials, code: codeFor(secret, 1) }, context, serverSecret)).toMatchObject({
      ok: true,
      userId: demo.users.notInvited,
    });
    expect(
      await db
        .select()
        .from(loginAttempts)
        .where(and(eq(loginAttempts.userId, demo.users.notInvited), eq(loginAttempts.reason, "wrong_code"))),
    ).toHaveLength(1);
  });

  it("wrong codes count as failed logins: five lock the account", async () => {
    await enrol(demo.users.clinicUser);
    const first = await attemptLogin(db, { email: "laura.garcia@clinic.example", password: demoPassword }, context);
    if (first.ok !== "second_factor") throw new Error("a code should have been asked for");
    for (let i = 0; i < 5; i++)
      await attemptSecondFactor(db, serverSecret, { challenge: first.challenge, code: `00000${i}` }, context);
    expect((await userRow(demo.users.clinicUser)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("turning it off needs the password and a code; an administrator cannot when the owner requires it", async () => {
    const { secret } = await enrol(demo.users.group);
    await expect(
      disableTwoFactor(
        db,
        serverSecret,
        demo.users.group,
        { password: "wrong", code: codeFor(secret, 1) },
        { ip: null, sessionId: null },
      ),
    ).rejects.toThrow("That password is not right.");
    await db.update(settings).set({ requireTwoFactorForAdmins: true }).where(eq(settings.id, true));
    try {
      await expect(
        disableTwoFactor(
          db,
          serverSecret,
          demo.users.group,
          { password: demoPassword, code: codeFor(secret, 1) },
          { ip: null, sessionId: null },
        ),
      ).rejects.toThrow("cannot be turned off");
    } finally {
      await db.update(settings).set({ requireTwoFactorForAdmins: false }).where(eq(settings.id, true));
    }
    await expect(
      disableTwoFactor(
        db,
        serverSecret,
        demo.users.group,
        { password: demoPassword, code: "999999" },
        { ip: null, sessionId: null },
      ),
    ).rejects.toThrow("That code did not match.");
    await disableTwoFactor(
      db,
      serverSecret,
      demo.users.group,
      { password: demoPassword, code: codeFor(secret, 1) },
      { ip: null, sessionId: null },
    );
    expect(await userRow(demo.users.group)).toMatchObject({ twoFactorEnabled: false, totpSecret: null });
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, demo.users.group))).toEqual([]);
  });

  it("when the owner requires it, an administrator without it can do nothing as an administrator until enrolled", async () => {
    await db.update(settings).set({ requireTwoFactorForAdmins: true }).where(eq(settings.id, true));
    try {
      await expect(callerFor(db, demo.users.customer).users.list({})).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("two-step verification"),
      });
      await enrol(demo.users.customer);
      expect((await callerFor(db, demo.users.customer).users.list({})).items.length).toBeGreaterThan(0);
    } finally {
      await db.update(settings).set({ requireTwoFactorForAdmins: false }).where(eq(settings.id, true));
    }
  });

  it("a sign-in ticket opens one session, once, and not for a suspended account", async () => {
    const ticket = await issueSignInTicket(db, demo.users.market);
    expect(await redeemSignInTicket(db, ticket)).toEqual({ userId: demo.users.market, sessionVersion: 0 });
    expect(await redeemSignInTicket(db, ticket)).toBeNull();
    const second = await issueSignInTicket(db, demo.users.market);
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, demo.users.market));
    expect(await redeemSignInTicket(db, second)).toBeNull();
    await db.update(users).set({ suspendedAt: null }).where(eq(users.id, demo.users.market));
  });
});

describe("codes asked again inside a session", () => {
  it("new recovery codes need a current code; the old ones stop working; wrong codes count like failed logins and lock", async () => {
    const nurse = (
      await insertUser(db, {
        email: "renewer@stolav.example",
        firstName: "Rene",
        lastName: "Wer",
        passwordHash: await hashPassword(demoPassword),
        status: "active",
        memberOf: [demo.nodes.cardiology],
      })
    ).id;
    const { secret, codes } = await enrol(nurse);
    const renewed = await renewRecoveryCodes(db, serverSecret, nurse, codeFor(secret, 1), {
      ip: null,
      sessionId: null,
    });
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.recoveryCodes).not.toContain(codes[0]);
    await expect(renewRecoveryCodes(db, serverSecret, nurse, codes[0]!, { ip: null, sessionId: null })).rejects.toThrow(
      "That code did not match.",
    );
    for (let i = 0; i < 4; i++)
      await expect(
        renewRecoveryCodes(db, serverSecret, nurse, "123456", { ip: "203.0.113.99", sessionId: null }),
      ).rejects.toThrow("That code did not match.");
    const locked = await userRow(nurse);
    expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Locked: even a right code is not checked (and is not called wrong), and "turn off" is refused alike.
    const notChecked = "This account is locked after several failed attempts, so nothing was checked.";
    await expect(
      renewRecoveryCodes(db, serverSecret, nurse, renewed.recoveryCodes[0]!, { ip: null, sessionId: null }),
    ).rejects.toThrow(notChecked);
    await expect(
      disableTwoFactor(
        db,
        serverSecret,
        nurse,
        { password: demoPassword, code: renewed.recoveryCodes[1]! },
        { ip: null, sessionId: null },
      ),
    ).rejects.toThrow(notChecked);
    expect((await userRow(nurse)).twoFactorEnabled).toBe(true);
  });
});
