import { PgBoss } from "pg-boss";
import { grantAppRole, roleOf } from "../server/db/app-role";
import { applyMigrations } from "../server/db/migrate";
import { ensureQueues } from "../workers/job";
import { jobs } from "../workers/jobs";

/**
 * Brings a database up to date: drizzle's migrations, then pg-boss's own schema and this app's
 * queues, so the app can enqueue even before the first worker starts. With an owner URL whose role
 * differs from the app's (production), all of it runs as the owner and the app's role is then
 * granted its rows; without one (development, tests), one role does both.
 */
export async function prepareDatabase(url: string, ownerUrl: string = url): Promise<void> {
  await applyMigrations(ownerUrl);
  const boss = new PgBoss({ connectionString: ownerUrl, max: 1, supervise: false, schedule: false });
  boss.on("error", (error) => console.error("[pg-boss]", error));
  await boss.start();
  try {
    await ensureQueues(boss, jobs);
  } finally {
    await boss.stop({ graceful: false });
  }
  if (roleOf(ownerUrl) !== roleOf(url)) await grantAppRole(ownerUrl, roleOf(url));
}
