import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Resend } from "resend";
import type { Database, DbOrTx } from "../db/client";
import { emailOutbox, users } from "../db/schema";

export type DeliveryOutcome = "sent" | "captured" | "already-done" | "missing";

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

export interface Sender {
  provider: Resend | null;
  from: string;
  /** Awaited before every provider call (server/email/rate-limit.ts). */
  beforeCall?: () => Promise<unknown>;
  /** How long to wait out 429s within one run before giving the job back to pg-boss. */
  maxWaitSeconds?: number;
}

/** Resend's batch endpoint takes at most 100 emails a call. */
export const providerBatchSize = 100;

type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * Delivers outbox emails, up to 100 per provider call. Safe to run again and again, in several
 * workers at once, after a crash:
 * - rows are claimed (queued/failed → sending) together with a new batch id, in one statement;
 * - the call's Idempotency-Key is that batch id, so a call repeated after a crash between the
 *   provider's answer and our update is the same call, and the provider drops it;
 * - rows found still "sending" under an older batch id are that crashed call: it is repeated
 *   as it was (same rows, same key), never regrouped.
 * Sent and captured rows are left alone.
 */
export async function deliverOutboxBatch(
  db: Database,
  sender: Sender,
  outboxIds: readonly string[],
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>();
  for (let i = 0; i < outboxIds.length; i += providerBatchSize) {
    const ids = [...new Set(outboxIds.slice(i, i + providerBatchSize))];
    const batchId = randomUUID();
    const claimed = await db
      .update(emailOutbox)
      .set({ status: "sending", batchId, attempts: sql`${emailOutbox.attempts} + 1` })
      .where(and(inArray(emailOutbox.id, ids), inArray(emailOutbox.status, ["queued", "failed"])))
      .returning();
    const stuck = await db
      .select({ batchId: emailOutbox.batchId })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.status, "sending"), ne(emailOutbox.batchId, batchId)));
    for (const old of new Set(stuck.map((s) => s.batchId).filter((b) => b !== null))) {
      const rows = await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.batchId, old), eq(emailOutbox.status, "sending")));
      if (rows.length) for (const [id, outcome] of await sendBatch(db, sender, old, rows)) outcomes.set(id, outcome);
    }
    if (claimed.length)
      for (const [id, outcome] of await sendBatch(db, sender, batchId, claimed)) outcomes.set(id, outcome);
    const unseen = ids.filter((id) => !outcomes.has(id));
    if (unseen.length) {
      const existing = new Set(
        (await db.select({ id: emailOutbox.id }).from(emailOutbox).where(inArray(emailOutbox.id, unseen))).map(
          (r) => r.id,
        ),
      );
      for (const id of unseen) outcomes.set(id, existing.has(id) ? "already-done" : "missing");
    }
  }
  return outcomes;
}

/** One provider call for one batch, waiting out 429s (Retry-After) within the sender's budget. */
async function sendBatch(
  db: Database,
  sender: Sender,
  batchId: string,
  rows: OutboxRow[],
): Promise<Map<string, DeliveryOutcome>> {
  if (!sender.provider) {
    await db.transaction(async (tx) => {
      await tx
        .update(emailOutbox)
        .set({ status: "captured", sentAt: new Date() })
        .where(
          inArray(
            emailOutbox.id,
            rows.map((r) => r.id),
          ),
        );
      await markInvited(tx, rows);
    });
    return new Map(rows.map((r) => [r.id, "captured"]));
  }
  let waited = 0;
  for (;;) {
    await sender.beforeCall?.();
    const { data, error, headers } = await sender.provider.batch.send(
      rows.map((r) => ({ from: sender.from, to: r.toAddress, subject: r.subject, html: r.html, text: r.text })),
      { idempotencyKey: `batch/${batchId}` },
    );
    if (!error) {
      const ids = data.data.map((d) => d.id);
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          update email_outbox as o set status = 'sent', sent_at = now(), last_error = null, provider_message_id = v.pid
          from (values ${sql.join(
            rows.map((r, i) => sql`(${r.id}::uuid, ${ids[i] ?? null})`),
            sql`, `,
          )}) as v(id, pid)
          where o.id = v.id`);
        await markInvited(tx, rows);
      });
      return new Map(rows.map((r) => [r.id, "sent"]));
    }
    const retryAfter = Number(headers?.["retry-after"]);
    const waitSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1;
    // Too many requests, or the same call still running elsewhere: wait and repeat the very same call.
    const transient = error.statusCode === 429 || error.name === "rate_limit_exceeded" || error.statusCode === 409;
    if (transient && waited + waitSeconds <= (sender.maxWaitSeconds ?? 30)) {
      waited += waitSeconds;
      await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      continue;
    }
    const refused = transient || (error.statusCode !== null && error.statusCode >= 400 && error.statusCode < 500);
    // A refusal means nothing was sent: the rows may be regrouped next time. Anything else (a
    // network error, a 5xx) may have been sent: the rows keep their batch, to be repeated as is.
    await db
      .update(emailOutbox)
      .set(
        refused
          ? { status: "failed", batchId: null, lastError: `${error.name}: ${error.message}` }
          : { lastError: `${error.name}: ${error.message}` },
      )
      .where(
        inArray(
          emailOutbox.id,
          rows.map((r) => r.id),
        ),
      );
    throw new ProviderError(
      `Resend refused the emails: ${error.message}`,
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
}

/** Delivers one outbox email (see deliverOutboxBatch); 429s are handed back at once. */
export async function deliverOutboxEmail(
  db: Database,
  provider: Resend | null,
  from: string,
  outboxId: string,
): Promise<DeliveryOutcome> {
  const outcomes = await deliverOutboxBatch(db, { provider, from, maxWaitSeconds: 0 }, [outboxId]);
  return outcomes.get(outboxId) ?? "missing";
}

/** An invitation the provider accepted makes a Not invited user Invited (the status flow of docs/organisation-and-roles.md). */
async function markInvited(tx: DbOrTx, rows: readonly { kind: string; userId: string | null }[]): Promise<void> {
  const userIds = rows.filter((r) => r.kind === "invitation" && r.userId).map((r) => r.userId!);
  if (userIds.length === 0) return;
  await tx
    .update(users)
    .set({ status: "invited", invitedAt: sql`coalesce(${users.invitedAt}, now())` })
    .where(and(inArray(users.id, userIds), eq(users.status, "not_invited")));
}
