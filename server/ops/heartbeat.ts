import { randomUUID } from "node:crypto";
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { workerHeartbeats } from "../db/schema";

/**
 * A worker's heartbeat: its row in worker_heartbeats, refreshed every 10 seconds, removed when it
 * stops cleanly (a crashed worker's row just ages out). Beats that fail (the database restarting)
 * are retried at the next tick.
 */
export function startHeartbeat(db: Database): { stop: () => Promise<void> } {
  const id = `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const beat = () =>
    db
      .insert(workerHeartbeats)
      .values({ id, host: os.hostname(), pid: process.pid })
      .onConflictDoUpdate({ target: workerHeartbeats.id, set: { beatAt: sql`now()` } })
      .catch((error: unknown) => console.warn("[worker] heartbeat failed:", error));
  void beat();
  const timer = setInterval(() => void beat(), 10_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await db
        .delete(workerHeartbeats)
        .where(eq(workerHeartbeats.id, id))
        .catch(() => {});
    },
  };
}
