import type { PgBoss, Queue } from "pg-boss";
import { z } from "zod";

/**
 * Every pg-boss queue, with its payload schema. The app enqueues with these names; the worker
 * registers one handler per queue. A job whose payload fails its schema is not retried.
 */
export const jobPayloads = {
  "send-email": z.object({ outboxId: z.uuid() }),
  "resend-invitations": z.object({}).passthrough(),
  "support-deadlines": z.object({}).passthrough(),
  "board-digest": z.object({}).passthrough(),
  "audit-seal": z.object({}).passthrough(),
  "audit-verify": z.object({}).passthrough(),
  "audit-erase": z.object({}).passthrough(),
  "training-reminders": z.object({}).passthrough(),
  "auto-approve-registration": z.object({ requestId: z.uuid() }),
  "session-invitations": z.object({ itemId: z.uuid(), nodeId: z.uuid().nullable() }),
  "lock-account": z.object({ lockId: z.uuid() }),
  "unlock-account": z.object({ lockId: z.uuid() }),
  "bulk-operation": z.object({
    operationId: z.uuid(),
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  }),
  "delivery-event": z.object({
    type: z.enum(["email.delivered", "email.bounced", "email.complained"]),
    emailId: z.string().min(1).max(200),
    at: z.string().max(40),
  }),
} as const;

export type QueueName = keyof typeof jobPayloads;
export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;

/** Where a job ends that cannot be done: retries used up, or a payload that is not what its queue takes. */
export const deadLetterQueue = "dead-letter";

const queueOptions: Record<QueueName, Omit<Queue, "name">> = {
  // Delivery is idempotent per outbox row, so retries are safe; backoff rides out provider outages.
  // A worker that dies mid-batch stops its heartbeat: its jobs go back to the queue within seconds,
  // not at expiry.
  "send-email": {
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 120,
    heartbeatSeconds: 10,
    deadLetter: deadLetterQueue,
  },
  // Runs on a schedule; a run that fails is simply the next run's work.
  "resend-invitations": { retryLimit: 2, retryDelay: 60, expireInSeconds: 900, deadLetter: deadLetterQueue },
  // Idempotent: each reminder step is recorded on its issue with its notifications and emails.
  "support-deadlines": { retryLimit: 2, retryDelay: 60, expireInSeconds: 600, deadLetter: deadLetterQueue },
  // Idempotent: a person's digest for a day is recorded with its email.
  "board-digest": { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800, deadLetter: deadLetterQueue },
  // Each run seals what the last one left; a failed run is the next one's work.
  "audit-seal": { retryLimit: 1, retryDelay: 10, expireInSeconds: 300, deadLetter: deadLetterQueue },
  // The nightly whole check: a missed night is the next night's work.
  "audit-verify": { retryLimit: 1, retryDelay: 600, expireInSeconds: 1800, deadLetter: deadLetterQueue },
  // Idempotent: each reminder is recorded with its email and notification.
  "training-reminders": { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800, deadLetter: deadLetterQueue },
  // One pass erases everyone pending: at most one run and one waiting (a second deletion during a
  // run is the waiting one's work). Erasing again changes nothing.
  "audit-erase": {
    policy: "stately",
    retryLimit: 5,
    retryDelay: 30,
    expireInSeconds: 1800,
    deadLetter: deadLetterQueue,
  },
  // Idempotent: each person is invited once per version (their attendance row records it).
  "session-invitations": {
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 600,
    deadLetter: deadLetterQueue,
  },
  // Idempotent per request (the request row is locked and must still be pending).
  "auto-approve-registration": {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 60,
    deadLetter: deadLetterQueue,
  },
  // Both idempotent per lock (its row records what was done). The lock email should leave at once.
  "lock-account": {
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 60,
    deadLetter: deadLetterQueue,
  },
  "unlock-account": {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 60,
    deadLetter: deadLetterQueue,
  },
  // A chunk of a bulk operation: each item is recorded with its outcome in the transaction that
  // does it, so a retried chunk skips what was done. A dead worker's chunk returns within seconds.
  "bulk-operation": {
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 600,
    heartbeatSeconds: 30,
    deadLetter: deadLetterQueue,
  },
  // An event may arrive before the send recorded the provider's id: retry until it matches.
  "delivery-event": {
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 60,
    deadLetter: deadLetterQueue,
  },
};

/** Creates the dead-letter queue and every queue above, or brings an existing queue's options up to date. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(deadLetterQueue);
  for (const [name, options] of Object.entries(queueOptions)) {
    await boss.createQueue(name, options);
    // A queue's policy is fixed when it is created.
    const { policy: _fixed, ...changeable } = options;
    await boss.updateQueue(name, changeable);
  }
}
