import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { accessRefusal } from "./access";

/**
 * Re-read on every request that carries a session: a user who was deleted, suspended or locked,
 * or whose password changed since the session began (session version bumped), is signed out.
 */
export async function sessionIsCurrent(db: DbOrTx, userId: string, sessionVersion: number, now = new Date()): Promise<boolean> {
  const [user] = await db
    .select({ suspendedAt: users.suspendedAt, lockedUntil: users.lockedUntil, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return user !== undefined && user.sessionVersion === sessionVersion && accessRefusal(user, now) === null;
}
