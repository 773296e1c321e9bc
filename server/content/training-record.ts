import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

export interface TrainingRecordRow {
  itemId: string;
  kind: string;
  /** The item's title in the version completed. */
  title: string;
  versionNumber: number;
  completedAt: Date;
  /** The version the portal shows now, if any. */
  currentVersion: number | null;
}

/**
 * A person's training record: every version of every item they completed, with its date, newest
 * first, and whether it is the version published now or an older one. The evidence stays when an
 * item moves on or is no longer given to them.
 */
export async function trainingRecordOf(db: DbOrTx, userId: string): Promise<TrainingRecordRow[]> {
  const rows = await db.execute<{
    item_id: string;
    kind: string;
    title: string;
    version_number: number;
    completed_at: string;
    current_version: number | null;
  }>(sql`
    select c.item_id, i.kind, v.title, c.version_number, c.completed_at, cur.number as current_version
    from training_completions c
    join content_items i on i.id = c.item_id
    join content_versions v on v.id = c.version_id
    left join content_versions cur on cur.item_id = c.item_id and cur.status = 'published'
    where c.user_id = ${userId}
    order by c.completed_at desc, v.title`);
  return rows.map((r) => ({
    itemId: r.item_id,
    kind: r.kind,
    title: r.title,
    versionNumber: r.version_number,
    completedAt: new Date(r.completed_at),
    currentVersion: r.current_version,
  }));
}
