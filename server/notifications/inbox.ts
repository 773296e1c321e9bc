import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { notifications } from "../db/schema";

/**
 * Writes one notification to each recipient, in the caller's transaction: the one way notifications
 * are written. One per recipient, kind and source event: a job that runs twice notifies once.
 */
export async function notify(
  tx: DbOrTx,
  recipientIds: readonly string[],
  message: { kind: string; title: string; body: string; link: string | null; sourceId: string | null },
): Promise<void> {
  if (recipientIds.length === 0) return;
  await tx
    .insert(notifications)
    .values(recipientIds.map((recipientId) => ({ recipientId, ...message })))
    .onConflictDoNothing();
}

/** An administrator's own notifications, newest first. Nobody reads another person's. */
export function listNotifications(db: DbOrTx, recipientId: string, limit = 100) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.recipientId, recipientId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function unreadNotifications(db: DbOrTx, recipientId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the recipient's own notifications read (the given ones, or all); others' ids change nothing. Returns how many changed. */
export async function markNotificationsRead(
  db: DbOrTx,
  recipientId: string,
  ids: readonly string[] | "all",
): Promise<number> {
  const mine = and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt));
  const changed = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === "all" ? mine : and(mine, inArray(notifications.id, [...ids])))
    .returning({ id: notifications.id });
  return changed.length;
}
