import { PgBoss } from "pg-boss";
import { applyMigrations } from "../server/db/migrate";
import { ensureQueues } from "../server/jobs/queues";

/**
 * Brings a database up to date: drizzle's migrations, then pg-boss's own schema and this app's
 * queues, so the app can enqueue even before the first worker starts.
 */
export async function prepareDatabase(url: string): Promise<void> {
  await applyMigrations(url);
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false });
  boss.on("error", (error) => console.error("[pg-boss]", error));
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false });
  }
}
