import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { recoveryCodes, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { getSettings } from "../settings/get-settings";
import { checkSecretInSession } from "./secret-check";
import { verifyPassword } from "./password";

/*
 * TOTP two-step verification (RFC 6238: 6 digits, 30 seconds, SHA-1, as every authenticator app
 * reads it), with ten one-time recovery codes. The TOTP secret must be read back to check codes, so
 * it is stored encrypted (AES-256-GCM, key derived from AUTH_SECRET); recovery codes only need
 * comparing, so they are stored as keyed hashes (HMAC-SHA-256, key derived from AUTH_SECRET).
 */

const period = 30;
const recoveryCodeCount = 10;

const key = (secret: string, purpose: string) => Buffer.from(hkdfSync("sha256", secret, "medtech-access", purpose, 32));

export function encryptTotpSecret(serverSecret: string, base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(serverSecret, "totp-secrets"), iv);
  const sealed = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

function decryptTotpSecret(serverSecret: string, stored: string): string {
  const [iv, tag, sealed] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !sealed) throw new Error("malformed stored TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", key(serverSecret, "totp-secrets"), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
}

const hashRecoveryCode = (serverSecret: string, code: string) =>
  createHmac("sha256", key(serverSecret, "recovery-codes")).update(normaliseRecoveryCode(code)).digest("hex");
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/** "4f7k-2m9q-xw3d": 60 random bits, in a form that is easy to type. */
function newRecoveryCode(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export { totpCode } from "./totp-code";

/** Checks a 6-digit code against a secret; returns the time step it belongs to, or null. */
function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  // One step either way: the phone's clock may be up to 30 seconds off.
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(base32), period, timestamp: now, window: 1 });
  return delta === null ? null : TOTP.counter({ period, timestamp: now }) + delta;
}

/**
 * Starts enrolment, once the person has given their password again (checked like any secret inside
 * a session): a new secret waits (encrypted) for its first code. Returns what the app needs.
 */
export async function beginEnrolment(
  db: Database,
  serverSecret: string,
  userId: string,
  password: string,
  context: { ip: string | null; userAgent?: string | null; sessionId: string | null },
): Promise<{ qrCodeSvg: string; secret: string; uri: string }> {
  const [user] = await db
    .select({ email: users.email, twoFactorEnabled: users.twoFactorEnabled, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
  const hash = user.passwordHash;
  const passwordRight = hash
    ? await checkSecretInSession(
        db,
        {
          userId,
          sessionId: context.sessionId,
          ip: context.ip,
          userAgent: context.userAgent ?? null,
          reason: "wrong_password",
        },
        () => verifyPassword(hash, password),
      )
    : false;
  if (!passwordRight) throw new DomainError("BAD_REQUEST", "That password is not right.");
  if (user.twoFactorEnabled)
    throw new DomainError(
      "CONFLICT",
      "Two-step verification is already on. Turn it off first to move it to another app.",
    );
  const { installationName } = await getSettings(db);
  const secret = new Secret({ size: 20 });
  const totp = new TOTP({ issuer: installationName, label: user.email, secret, period });
  await db
    .update(users)
    .set({ totpPendingSecret: encryptTotpSecret(serverSecret, secret.base32) })
    .where(eq(users.id, userId));
  const uri = totp.toString();
  return {
    uri,
    secret: secret.base32,
    qrCodeSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  };
}

/**
 * Confirms enrolment with the first code from the app: two-step verification is on from now, and
 * the ten recovery codes are returned, to be shown once.
 */
export async function confirmEnrolment(
  db: Database,
  serverSecret: string,
  userId: string,
  code: string,
  ip: string | null,
): Promise<{ recoveryCodes: string[] }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user?.totpPendingSecret)
      throw new DomainError("PRECONDITION_FAILED", "Start again: scan a new QR code first.");
    const step = matchingStep(decryptTotpSecret(serverSecret, user.totpPendingSecret), code);
    if (step === null)
      throw new DomainError(
        "BAD_REQUEST",
        "That code did not match. Check the time on your phone and enter the code shown now.",
      );
    await tx
      .update(users)
      .set({
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpLastStep: step,
        twoFactorEnabled: true,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    const codes = await replaceRecoveryCodes(tx, serverSecret, userId);
    await recordAudit(
      tx,
      { actorId: userId, ip },
      { action: "user.two_factor_enabled", targetType: "user", targetId: userId },
    );
    return { recoveryCodes: codes };
  });
}

async function replaceRecoveryCodes(tx: DbOrTx, serverSecret: string, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(serverSecret, code) })));
  return codes;
}

/**
 * Checks a second factor for a sign-in or a change: a TOTP code not used before (its step must be
 * newer than the last one accepted), or an unused recovery code, which is then used up. Call it in
 * a transaction; the user row is locked, so one code cannot be accepted twice at once.
 */
export async function checkSecondFactor(
  tx: DbOrTx,
  serverSecret: string,
  userId: string,
  code: string,
): Promise<"totp" | "recovery" | null> {
  const [user] = await tx
    .select({ totpSecret: users.totpSecret, totpLastStep: users.totpLastStep, enabled: users.twoFactorEnabled })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user?.enabled || !user.totpSecret) return null;
  const step = matchingStep(decryptTotpSecret(serverSecret, user.totpSecret), code);
  if (step !== null) {
    if (user.totpLastStep !== null && step <= user.totpLastStep) return null;
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, userId));
    return "totp";
  }
  const [used] = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(serverSecret, code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used ? "recovery" : null;
}

/** Whether the installation requires two-step verification of this user (then it cannot be turned off). */
export async function twoFactorRequiredOf(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.execute<{ required: boolean }>(sql`
    select coalesce((select require_two_factor_for_admins from settings), false) and u.primary_role <> 'product_user'
      or (coalesce((select require_two_factor_for_owner_admins from settings), true)
          and exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.role = 'owner_admin')) as required
    from users u where u.id = ${userId}`);
  return row?.required ?? false;
}

/**
 * Turns two-step verification off: the password and a current code (or a recovery code) are both
 * needed, each checked under the login's slots, counters and lock.
 */
export async function disableTwoFactor(
  db: Database,
  serverSecret: string,
  userId: string,
  input: { password: string; code: string },
  context: { ip: string | null; userAgent?: string | null; sessionId: string | null },
): Promise<void> {
  const attempt = { userId, sessionId: context.sessionId, ip: context.ip, userAgent: context.userAgent ?? null };
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const hash = user?.passwordHash;
  const passwordRight = hash
    ? await checkSecretInSession(db, { ...attempt, reason: "wrong_password" }, () =>
        verifyPassword(hash, input.password),
      )
    : false;
  if (!passwordRight) throw new DomainError("BAD_REQUEST", "That password is not right.");
  if (await twoFactorRequiredOf(db, userId)) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Administrators must use two-step verification here, so it cannot be turned off. Keep your recovery codes safe in case you lose your phone.",
    );
  }
  const done = await checkSecretInSession(db, { ...attempt, reason: "wrong_code" }, () =>
    db.transaction(async (tx) => {
      if ((await checkSecondFactor(tx, serverSecret, userId, input.code)) === null) return false;
      await removeSecondFactor(tx, userId);
      await recordAudit(
        tx,
        { actorId: userId, ip: context.ip },
        { action: "user.two_factor_disabled", targetType: "user", targetId: userId },
      );
      return true;
    }),
  );
  if (!done)
    throw new DomainError(
      "BAD_REQUEST",
      "That code did not match. Enter the code your app shows now, or a recovery code.",
    );
}

/**
 * Takes two-step verification off an account, in the caller's transaction: its secret, a pending
 * enrolment and the recovery codes go. Whether it may (the person's own codes, or an admin's
 * reset) is the caller's to decide.
 */
export async function removeSecondFactor(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({
      twoFactorEnabled: false,
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * New recovery codes for one who lost or used theirs: a current code is needed (checked under the
 * login's slots and lock); the old codes stop working in the same transaction.
 */
export async function renewRecoveryCodes(
  db: Database,
  serverSecret: string,
  userId: string,
  code: string,
  context: { ip: string | null; userAgent?: string | null; sessionId: string | null },
): Promise<{ recoveryCodes: string[] }> {
  let codes: string[] = [];
  const done = await checkSecretInSession(
    db,
    {
      userId,
      sessionId: context.sessionId,
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      reason: "wrong_code",
    },
    () =>
      db.transaction(async (tx) => {
        if ((await checkSecondFactor(tx, serverSecret, userId, code)) === null) return false;
        codes = await replaceRecoveryCodes(tx, serverSecret, userId);
        await recordAudit(
          tx,
          { actorId: userId, ip: context.ip },
          { action: "user.recovery_codes_renewed", targetType: "user", targetId: userId },
        );
        return true;
      }),
  );
  if (!done)
    throw new DomainError(
      "BAD_REQUEST",
      "That code did not match. Enter the code your app shows now, or a recovery code.",
    );
  return { recoveryCodes: codes };
}

/** How many unused recovery codes the user has left (shown on the security page). */
export async function recoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** What the Security page shows: two-step verification and its recovery codes, the latest sign-in, the sessions' limits. */
export async function securityOverview(db: DbOrTx, userId: string) {
  const [[me], settings] = await Promise.all([
    db
      .select({
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
        twoFactorEnabled: users.twoFactorEnabled,
        lastLoginAt: users.lastLoginAt,
        lastLoginIp: users.lastLoginIp,
      })
      .from(users)
      .where(eq(users.id, userId)),
    getSettings(db),
  ]);
  if (!me) throw new DomainError("NOT_FOUND", "No such user.");
  return {
    ...me,
    recoveryCodesLeft: me.twoFactorEnabled ? await recoveryCodesLeft(db, userId) : 0,
    sessionIdleMinutes: settings.sessionIdleMinutes,
    sessionMaxHours: settings.sessionMaxHours,
  };
}
