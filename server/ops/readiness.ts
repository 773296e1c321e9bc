import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

/** A worker is alive while its heartbeat is this recent (it beats every 10 seconds). */
export const workerAliveSeconds = 30;

interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "current" | "behind" | "unknown";
  queue: { waiting: number; oldestWaitingSeconds: number | null };
  workers: { alive: number };
}

/** The last migration drizzle-kit generated (its journal, shipped with the app), as drizzle records it. */
async function latestMigrationMillis(): Promise<number | null> {
  try {
    const journal = JSON.parse(await readFile(path.join(process.cwd(), "drizzle/meta/_journal.json"), "utf8")) as {
      entries: { when: number }[];
    };
    return Math.max(...journal.entries.map((entry) => entry.when));
  } catch {
    return null;
  }
}

/**
 * Whether this instance may take traffic: the database answers and carries every migration this
 * code expects. Also what an operator watches: the jobs waiting (and for how long the oldest has),
 * and the workers that beat in the last 30 seconds. Only the database and the migrations decide
 * readiness: a backlog or a missing worker slows work down but loses none.
 */
export async function readiness(db: DbOrTx): Promise<Readiness> {
  const expected = await latestMigrationMillis();
  try {
    const [applied] = await db.execute<{ latest: string | null }>(
      sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
    );
    const [queue] = await db.execute<{ waiting: number; oldest: number | null }>(sql`
      select count(*)::int as waiting,
        extract(epoch from (now() - min(created_on)))::float as oldest
      from pgboss.job
      where state in ('created', 'retry') and start_after <= now() and name in (select name from pgboss.queue where name <> 'dead-letter')`);
    const [workers] = await db.execute<{ alive: number }>(sql`
      select count(*)::int as alive from worker_heartbeats
      where beat_at > now() - make_interval(secs => ${workerAliveSeconds})`);
    const migrations =
      expected === null || applied?.latest == null
        ? "unknown"
        : Number(applied.latest) >= expected
          ? "current"
          : "behind";
    return {
      ready: migrations !== "behind",
      database: "ok",
      migrations,
      queue: {
        waiting: queue?.waiting ?? 0,
        oldestWaitingSeconds: queue?.oldest == null ? null : Math.round(queue.oldest),
      },
      workers: { alive: workers?.alive ?? 0 },
    };
  } catch {
    return {
      ready: false,
      database: "unreachable",
      migrations: "unknown",
      queue: { waiting: 0, oldestWaitingSeconds: null },
      workers: { alive: 0 },
    };
  }
}
