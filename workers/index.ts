/**
 * The worker process: starts pg-boss, creates the queues, registers one handler per queue and
 * stops gracefully on SIGTERM/SIGINT. Run as many as needed; jobs are shared through PostgreSQL.
 */
import { PgBoss } from "pg-boss";
import { createDatabase } from "../server/db/client";
import { emailProvider } from "../server/email/provider";
import { createSharedRateLimiter } from "../server/email/rate-limit";
import { startHeartbeat } from "../server/ops/heartbeat";
import { createLog } from "../server/ops/log";
import { stopWithParent } from "../server/stop-with-parent";
import { exitOnInvalidEnv } from "../server/startup-check";
import { ensureQueues, registerJob, type WorkerDeps } from "./job";
import { jobs } from "./jobs";

const config = exitOnInvalidEnv("[worker] ");
const { db, close } = createDatabase(config.DATABASE_URL, { max: 5 });
// Supervision every 10 s: jobs of a worker that died (no heartbeat) are retried within seconds.
const boss = new PgBoss({
  connectionString: config.DATABASE_URL,
  max: 5,
  superviseIntervalSeconds: 10,
  monitorIntervalSeconds: 10,
});
boss.on("error", (error) => console.error("[worker] pg-boss error:", error));
boss.on("warning", (warning) => console.warn("[worker] pg-boss warning:", warning));

await boss.start();
await ensureQueues(boss, jobs);

// One budget for the installation, however many workers share it.
const limiter = createSharedRateLimiter(db, "resend", config.RESEND_REQUESTS_PER_SECOND);
const log = createLog("worker", { development: process.env.NODE_ENV !== "production" });
const deps: WorkerDeps = {
  db,
  log,
  links: { appUrl: config.APP_URL, secret: config.AUTH_SECRET },
  uploadDir: config.UPLOAD_DIR,
  sender: { provider: emailProvider(), from: config.EMAIL_FROM, beforeCall: limiter.take },
};
for (const job of jobs) await registerJob(boss, deps, job);
const heartbeat = startHeartbeat(db);
console.log(`[worker] ready (email: ${config.RESEND_API_KEY ? "Resend" : "kept in the outbox, see /dev/mailbox"})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing current jobs…`);
  await boss.stop({ graceful: true, timeout: 10_000 });
  await heartbeat.stop();
  await close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
stopWithParent();
process.on("SIGINT", () => void shutdown("SIGINT"));
