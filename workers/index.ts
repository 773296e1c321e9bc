/**
 * The worker process: starts pg-boss, creates the queues, registers one handler per queue and
 * stops gracefully on SIGTERM/SIGINT. Run as many as needed; jobs are shared through PostgreSQL.
 */
import { PgBoss } from "pg-boss";
import { createDatabase } from "../server/db/client";
import { providerBatchSize } from "../server/email/deliver";
import { emailProvider } from "../server/email/provider";
import { createRateLimiter } from "../server/email/rate-limit";
import { exitOnInvalidEnv } from "../server/startup-check";
import { ensureQueues, resendInvitationsCron } from "../server/jobs/queues";
import { autoApproveRegistrationHandler } from "./auto-approve-registration";
import { deliveryEventHandler } from "./delivery-event";
import { lockAccountHandler } from "./lock-account";
import { resendInvitationsHandler } from "./resend-invitations";
import { sendEmailHandler } from "./send-email";
import { unlockAccountHandler } from "./unlock-account";

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
await ensureQueues(boss);

const limiter = createRateLimiter(config.RESEND_REQUESTS_PER_SECOND);
await boss.work(
  "send-email",
  // A full fetch makes pg-boss fetch again at once: under load, one provider call after another.
  { batchSize: providerBatchSize, pollingIntervalSeconds: 0.5 },
  sendEmailHandler({ db, sender: { provider: emailProvider(), from: config.EMAIL_FROM, beforeCall: limiter.take } }),
);
const links = { appUrl: config.APP_URL, secret: config.AUTH_SECRET };
// A person waits on the form's promise of an email: poll often.
await boss.work(
  "auto-approve-registration",
  { batchSize: 5, pollingIntervalSeconds: 0.5 },
  autoApproveRegistrationHandler({ db, links }),
);
// The locked-out person waits for the email with the way back in: poll often.
await boss.work("lock-account", { batchSize: 5, pollingIntervalSeconds: 0.5 }, lockAccountHandler({ db, links }));
await boss.work("unlock-account", { batchSize: 20, pollingIntervalSeconds: 2 }, unlockAccountHandler({ db }));
await boss.work("resend-invitations", { pollingIntervalSeconds: 5 }, resendInvitationsHandler({ db, links }));
// pg-boss keeps one schedule per queue in PostgreSQL and fires it once, whichever worker holds the clock.
await boss.schedule("resend-invitations", resendInvitationsCron, {}, { tz: "UTC", singletonKey: "resend-invitations" });
await boss.work("delivery-event", { batchSize: 20, pollingIntervalSeconds: 1 }, deliveryEventHandler({ db }));
console.log(`[worker] ready (email: ${config.RESEND_API_KEY ? "Resend" : "kept in the outbox, see /dev/mailbox"})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing current jobs…`);
  await boss.stop({ graceful: true, timeout: 10_000 });
  await close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
