import { createHash, randomBytes } from "node:crypto";
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
 * purpose, so only the latest link works. Returns the token, to be put in the email only.
 */
export async function issueToken(tx: DbOrTx, input: { userId: string; purpose: Purpose; ttlMs: number; newEmail?: string }): Promise<string> {
  await revokeTokens(tx, input.userId, input.purpose);
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

export async function revokeTokens(tx: DbOrTx, userId: string, purpose: Purpose): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}

const usable = (purpose: Purpose, token: string) =>
  and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt), gt(accountTokens.expiresAt, sql`now()`));

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
