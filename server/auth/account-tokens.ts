import { createHash, createHmac, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { accountTokens } from "../db/schema";

type Purpose = (typeof accountTokens.$inferInsert)["purpose"];

/** The stored form of a token: its SHA-256. A 256-bit random token needs no salt or slow hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a new single-use token for a user and revokes their earlier unused ones of the same
 * purpose, so only the latest link works (unless `keepEarlier`: sign-in steps, where several
 * logins of one person may run at once). Returns the token, to be put in the email only.
 */
export async function issueToken(
  tx: DbOrTx,
  input: { userId: string; purpose: Purpose; ttlMs: number; newEmail?: string; keepEarlier?: boolean },
): Promise<string> {
  if (!input.keepEarlier) await revokeTokens(tx, input.userId, input.purpose);
  const token = randomBytes(32).toString("base64url");
  await tx.insert(accountTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    newEmail: input.newEmail ?? null,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return token;
}

/**
 * An invitation token is derived from 256 random bits stored with it (the salt) and a key only
 * the server holds (HKDF of AUTH_SECRET): the database keeps the salt and the token's hash, never
 * the token, yet an admin in scope can be shown the current link again (see "A person's status" in
 * docs/organisation-and-roles.md).
 */
export function derivedToken(secret: string, salt: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "medtech-access", "invitation-links", 32));
  return createHmac("sha256", key).update(salt).digest("base64url");
}

/** Issues an invitation token (revoking the user's earlier ones) and returns it with its row id. */
export async function issueDerivedToken(
  tx: DbOrTx,
  input: { userId: string; purpose: Purpose; ttlMs: number; secret: string },
): Promise<{ token: string; tokenId: string }> {
  await revokeTokens(tx, input.userId, input.purpose);
  const tokenId = randomUUID();
  const derivationSalt = randomBytes(32).toString("base64url");
  const token = derivedToken(input.secret, derivationSalt);
  await tx.insert(accountTokens).values({
    id: tokenId,
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    derivationSalt,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return { token, tokenId };
}

/** The user's token of this purpose that still works, or null (to show its link again). */
export async function currentToken(db: DbOrTx, userId: string, purpose: Purpose) {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(sql`${accountTokens.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

export async function revokeTokens(tx: DbOrTx, userId: string, purpose: Purpose): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    );
}

const usable = (purpose: Purpose, token: string) =>
  and(
    eq(accountTokens.tokenHash, hashToken(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    isNull(accountTokens.revokedAt),
    gt(accountTokens.expiresAt, sql`now()`),
  );

/** Whether a token would still work, without using it (for the page the link opens). */
export async function findUsableToken(db: DbOrTx, purpose: Purpose, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db.select().from(accountTokens).where(usable(purpose, token));
  return row ?? null;
}

/**
 * Uses a token: one atomic update marks it used only if it is still usable, so two requests with
 * the same link cannot both succeed. Null when unknown, used, revoked or expired (never which).
 */
export async function consumeToken(tx: DbOrTx, purpose: Purpose, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await tx.update(accountTokens).set({ usedAt: new Date() }).where(usable(purpose, token)).returning();
  return row ?? null;
}
