import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { consumeToken, issueToken } from "../account-tokens";

/**
 * A checked login, handed to next-auth to open the session: a single-use token valid for a minute,
 * so the password (or code) is checked once, here, and not again by the sign-in callback.
 */
export function issueSignInTicket(db: Database, userId: string): Promise<string> {
  return issueToken(db, { userId, purpose: "sign_in", ttlMs: 60_000, keepEarlier: true });
}

/** Uses a sign-in ticket: the user and their session version, or null (unknown, used, expired). */
export async function redeemSignInTicket(
  db: Database,
  ticket: string,
): Promise<{ userId: string; sessionVersion: number } | null> {
  return db.transaction(async (tx) => {
    const token = await consumeToken(tx, "sign_in", ticket);
    if (!token) return null;
    // The lock was checked where the ticket was issued (a known device may sign in while strangers' guesses lock the account).
    const [user] = await tx
      .select({ id: users.id, sessionVersion: users.sessionVersion, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, token.userId));
    if (!user || user.suspendedAt) return null;
    return { userId: user.id, sessionVersion: user.sessionVersion };
  });
}
