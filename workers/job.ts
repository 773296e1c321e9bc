import type { Logger } from "pino";
import type { PgBoss } from "pg-boss";
import type { Database } from "../server/db/client";
import type { Sender } from "../server/email/deliver";
import type { LinkConfig } from "../server/email/links";
import { deadLetterQueue, jobPayloads, type JobPayload, type QueueName } from "../server/jobs/queues";

/** What every job's handler may use: the database, the links in emails, the email sender. */
export interface WorkerDeps {
  db: Database;
  links: LinkConfig;
  sender: Sender;
  /** Where uploaded files live (a deleted user's photo is removed from it). */
  uploadDir: string;
  /** The worker's log: a line per run of a job (JSON in production). */
  log: Pick<Logger, "info" | "error">;
}

/**
 * One job, defined once: its queue (whose payload schema and retry options live in
 * server/jobs/queues.ts, where the app enqueues it), how this worker fetches it, its schedule if it
 * runs on one, and what it does with the valid payloads of one fetch. Every handler is idempotent:
 * a job can run more than once.
 */
export interface JobDefinition<Q extends QueueName> {
  queue: Q;
  fetch: { batchSize: number; pollingIntervalSeconds: number; localConcurrency?: number };
  /** A 5-field cron (UTC); pg-boss fires it once per tick, whichever worker holds the clock. */
  schedule?: string;
  handle: (deps: WorkerDeps, jobs: { id: string; data: JobPayload<Q> }[]) => Promise<void>;
}

export const defineJob = <Q extends QueueName>(definition: JobDefinition<Q>): JobDefinition<Q> => definition;

/**
 * Registers a job with pg-boss. Payloads are parsed first: a malformed one is never retried (it
 * would fail the same way): it goes to the dead-letter queue with the reason, and the rest of the
 * fetch is handled. A handler that throws fails the fetch, which pg-boss retries.
 */
export async function registerJob<Q extends QueueName>(boss: PgBoss, deps: WorkerDeps, job: JobDefinition<Q>) {
  const schema = jobPayloads[job.queue];
  await boss.work(job.queue, job.fetch, async (fetched) => {
    const valid: { id: string; data: JobPayload<Q> }[] = [];
    for (const item of fetched) {
      const parsed = schema.safeParse(item.data);
      if (parsed.success) {
        valid.push({ id: item.id, data: parsed.data as JobPayload<Q> });
      } else {
        console.error(`[${job.queue}] job ${item.id}: malformed payload, sent to ${deadLetterQueue}`);
        await boss.send(deadLetterQueue, {
          queue: job.queue,
          jobId: item.id,
          data: item.data,
          error: parsed.error.message,
        });
      }
    }
    if (valid.length === 0) return;
    const started = performance.now();
    const line = { queue: job.queue, jobs: valid.length, jobIds: valid.slice(0, 10).map((j) => j.id) };
    try {
      await job.handle(deps, valid);
      deps.log.info({ ...line, outcome: "done", ms: Math.round(performance.now() - started) });
    } catch (error) {
      // pg-boss retries it (or sends it to the dead-letter queue once its retries are spent).
      deps.log.error({ ...line, outcome: "failed", ms: Math.round(performance.now() - started), err: error });
      throw error;
    }
  });
  if (job.schedule) await boss.schedule(job.queue, job.schedule, {}, { tz: "UTC", singletonKey: job.queue });
}
