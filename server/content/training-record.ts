import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { getSettings } from "../settings/get-settings";

export interface TrainingRecordRow {
  /** The completion: its certificate's number. */
  completionId: string;
  itemId: string;
  kind: string;
  /** The item's title in the version completed. */
  title: string;
  versionNumber: number;
  completedAt: Date;
  /** The version the portal shows now, if any. */
  currentVersion: number | null;
  /** Whether this completion still counts as training (its version is not older than the course requires). */
  counts: boolean;
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
    counts: boolean;
    id: string;
  }>(sql`
    select c.id, c.item_id, i.kind, v.title, c.version_number, c.completed_at, cur.number as current_version,
      c.version_number >= i.counts_from_version as counts
    from training_completions c
    join content_items i on i.id = c.item_id
    join content_versions v on v.id = c.version_id
    left join content_versions cur on cur.item_id = c.item_id and cur.status = 'published'
    where c.user_id = ${userId}
    order by c.completed_at desc, v.title`);
  return rows.map((r) => ({
    completionId: r.id,
    itemId: r.item_id,
    kind: r.kind,
    title: r.title,
    versionNumber: r.version_number,
    completedAt: new Date(r.completed_at),
    currentVersion: r.current_version,
    counts: r.counts,
  }));
}

export interface Certificate {
  completionId: string;
  personName: string;
  title: string;
  versionNumber: number;
  completedAt: Date;
  installationName: string;
}

/** A completion certificate: the person's own, for one course version they completed; null otherwise. */
export async function certificateOf(db: DbOrTx, userId: string, completionId: string): Promise<Certificate | null> {
  const [row] = await db.execute<{
    person_name: string;
    title: string;
    version_number: number;
    completed_at: string;
  }>(sql`
    select u.first_name || ' ' || u.last_name as person_name, v.title, c.version_number, c.completed_at
    from training_completions c
    join users u on u.id = c.user_id
    join content_versions v on v.id = c.version_id
    where c.id = ${completionId} and c.user_id = ${userId}`);
  if (!row) return null;
  return {
    completionId,
    personName: row.person_name,
    title: row.title,
    versionNumber: row.version_number,
    completedAt: new Date(row.completed_at),
    installationName: (await getSettings(db)).installationName,
  };
}
