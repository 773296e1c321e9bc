import { sql } from "drizzle-orm";
import { Counter, Gauge, Histogram, register, type Metric } from "prom-client";
import type { DbOrTx } from "../db/client";

/**
 * The Prometheus metrics of a process, in prom-client's one registry (an external package: the
 * front door and every route of the app's bundle share it). Each metric is made once, whichever
 * copy of this module asks first.
 */
function metric<M extends Metric>(name: string, make: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? make();
}

/** Sign-ins, by outcome and reason ("ok", "bad_credentials", "locked", …). */
export const loginsTotal = () =>
  metric(
    "academy_logins_total",
    () =>
      new Counter({
        name: "academy_logins_total",
        help: "Sign-in attempts through this instance, by result and reason.",
        labelNames: ["result", "reason"],
      }),
  );

/** Accounts locked by repeated failed sign-ins. */
export const accountLocksTotal = () =>
  metric(
    "academy_account_locks_total",
    () => new Counter({ name: "academy_account_locks_total", help: "Accounts locked through this instance." }),
  );

/** How long requests take at the front door, by method and status class. */
export const requestDuration = () =>
  metric(
    "academy_http_request_duration_seconds",
    () =>
      new Histogram({
        name: "academy_http_request_duration_seconds",
        help: "Time from a request's arrival at the front door to its response, by method and status class.",
        labelNames: ["method", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );

/**
 * The installation's own figures, read from PostgreSQL at each scrape (the same through every
 * instance): emails by status and bounced ones, jobs waiting or running per queue.
 */
async function installationGauges(db: DbOrTx): Promise<void> {
  const emails = metric(
    "academy_emails",
    () => new Gauge({ name: "academy_emails", help: "Emails in the outbox, by status.", labelNames: ["status"] }),
  );
  const bounced = metric(
    "academy_emails_bounced",
    () => new Gauge({ name: "academy_emails_bounced", help: "Emails the provider reported bounced or complained of." }),
  );
  const jobs = metric(
    "academy_jobs",
    () =>
      new Gauge({
        name: "academy_jobs",
        help: "Jobs per queue and state (waiting, retry, active).",
        labelNames: ["queue", "state"],
      }),
  );
  const [statusRows, bouncedRows, jobRows] = await Promise.all([
    db.execute<{ status: string; n: number }>(
      sql`select status::text, count(*)::int as n from email_outbox group by status`,
    ),
    db.execute<{ n: number }>(
      sql`select count(*)::int as n from email_outbox where delivery_status in ('bounced', 'complained')`,
    ),
    db.execute<{ name: string; state: string; n: number }>(
      sql`select name, state::text, count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') group by name, state`,
    ),
  ]);
  emails.reset();
  for (const row of statusRows) emails.set({ status: row.status }, row.n);
  bounced.set(bouncedRows[0]?.n ?? 0);
  jobs.reset();
  for (const row of jobRows)
    jobs.set({ queue: row.name, state: row.state === "created" ? "waiting" : row.state }, row.n);
}

/** The Prometheus text of this process and the installation. */
export async function metricsText(db: DbOrTx): Promise<{ contentType: string; text: string }> {
  loginsTotal();
  accountLocksTotal();
  requestDuration();
  await installationGauges(db);
  return { contentType: register.contentType, text: await register.metrics() };
}
