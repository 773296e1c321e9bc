import type { DbOrTx } from "../db/client";
import { settings } from "../db/schema";

export type Settings = typeof settings.$inferSelect;

/** The installation's settings; the defaults of the table when the row was never written. */
export async function getSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings);
  if (row) return row;
  const [created] = await db.insert(settings).values({}).onConflictDoNothing().returning();
  return created ?? (await db.select().from(settings))[0]!;
}
