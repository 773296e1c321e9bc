import type { Logger } from "pino";
import type { PgBoss, Queue } from "pg-boss";
import type { z } from "zod";
import type { Database } from "../server/db/client";
import type { Sender } from "../server/email/deliver";
import type { LinkConfig } from "../server/email/links";

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

/** Where a job ends that cannot be done: retries used up, or a payload that is not what its queue takes. */
export const deadLetterQueue = "dead-letter";

/**
 * One job, defined once, in its own file under workers/: its queue, the payload it takes (the app
 * enqueues by this same definition, so the payload is checked on both ends), its retry and expiry
 * options, how a worker fetches it, its schedule if it runs on one, and what it does with the valid
 * payloads of one fetch. Every handler is idempotent: a job can run more than once.
 */
export interface JobDefinition<Payload> {
  queue: string;
  payload: z.ZodType<Payload>;
  /** pg-boss's queue options; every queue ends in the dead-letter queue once its retries are spent. */
  options: Omit<Queue, "name" | "deadLetter">;
  fetch: { batchSize: number; pollingIntervalSeconds: number; localConcurrency?: number };
  /** A 5-field cron (UTC); pg-boss fires it once per tick, whichever worker holds the clock. */
  schedule?: string;
  // A method, so that a list of jobs of different payloads is one array (workers/jobs.ts).
  handle(deps: WorkerDeps, jobs: { id: string; data: Payload }[]): Promise<void>;
}

/** What the app needs of a job to enqueue it: its queue and its payload's schema. */
export type Enqueueable<Payload> = Pick<JobDefinition<Payload>, "queue" | "payload">;

export const defineJob = <Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> => definition;

/** Creates the dead-letter queue and each job's queue, or brings an existing queue's options up to date. */
export async function ensureQueues(boss: PgBoss, jobs: readonly JobDefinition<unknown>[]): Promise<void> {
  await boss.createQueue(deadLetterQueue);
  for (const job of jobs) {
    const options = { ...job.options, deadLetter: deadLetterQueue };
    await boss.createQueue(job.queue, options);
    // A queue's policy is fixed when it is created.
    const { policy: _fixed, ...changeable } = options;
    await boss.updateQueue(job.queue, changeable);
  }
}

/**
 * Registers a job with pg-boss. Payloads are parsed first: a malformed one is never retried (it
 * would fail the same way): it goes to the dead-letter queue with the reason, and the rest of the
 * fetch is handled. A handler that throws fails the fetch, which pg-boss retries.
 */
export async function registerJob<Payload>(boss: PgBoss, deps: WorkerDeps, job: JobDefinition<Payload>) {
  await boss.work(job.queue, job.fetch, async (fetched) => {
    const valid: { id: string; data: Payload }[] = [];
    for (const item of fetched) {
      const parsed = job.payload.safeParse(item.data);
      if (parsed.success) {
        valid.push({ id: item.id, data: parsed.data });
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
