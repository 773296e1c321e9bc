import { eq } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { users } from "../db/schema";

/** The emails a person chose to get beyond those about their account: the boards' daily digest. */
export async function emailPreferences(db: DbOrTx, userId: string): Promise<{ boardDigest: boolean }> {
  const [row] = await db.select({ boardDigest: users.boardDigest }).from(users).where(eq(users.id, userId));
  return { boardDigest: row?.boardDigest ?? false };
}

export async function setEmailPreferences(db: Database, userId: string, preferences: { boardDigest: boolean }) {
  await db.update(users).set({ boardDigest: preferences.boardDigest }).where(eq(users.id, userId));
}
