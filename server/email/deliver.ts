import { and, eq, inArray, sql } from "drizzle-orm";
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

/**
 * Delivers one outbox email. Safe to run any number of times, in any number of workers: a row
 * already sent or captured is left alone, and Resend receives the row id as Idempotency-Key so a
 * repeat after a crash between "sent" and the status update is dropped by the provider.
 */
export async function deliverOutboxEmail(db: Database, provider: Resend | null, from: string, outboxId: string): Promise<DeliveryOutcome> {
  const [row] = await db
    .update(emailOutbox)
    .set({ status: "sending", attempts: sql`${emailOutbox.attempts} + 1` })
    .where(and(eq(emailOutbox.id, outboxId), inArray(emailOutbox.status, ["queued", "sending", "failed"])))
    .returning();
  if (!row) {
    const [existing] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.id, outboxId));
    return existing ? "already-done" : "missing";
  }

  if (!provider) {
    await db.transaction(async (tx) => {
      await tx.update(emailOutbox).set({ status: "captured", sentAt: new Date() }).where(eq(emailOutbox.id, outboxId));
      await markInvited(tx, row);
    });
    return "captured";
  }

  const { data, error, headers } = await provider.emails.send(
    { from, to: row.toAddress, subject: row.subject, html: row.html, text: row.text },
    { idempotencyKey: `outbox/${row.id}` },
  );
  if (error) {
    await db.update(emailOutbox).set({ status: "failed", lastError: `${error.name}: ${error.message}` }).where(eq(emailOutbox.id, outboxId));
    const retryAfter = Number(headers?.["retry-after"]);
    throw new ProviderError(`Resend refused the email: ${error.message}`, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  await db.transaction(async (tx) => {
    await tx.update(emailOutbox).set({ status: "sent", sentAt: new Date(), providerMessageId: data?.id ?? null, lastError: null }).where(eq(emailOutbox.id, outboxId));
    await markInvited(tx, row);
  });
  return "sent";
}

/** An invitation the provider accepted makes a Not invited user Invited (DESIGN.md's status flow). */
async function markInvited(tx: DbOrTx, row: { kind: string; userId: string | null }): Promise<void> {
  if (row.kind !== "invitation" || !row.userId) return;
  await tx
    .update(users)
    .set({ status: "invited", invitedAt: sql`coalesce(${users.invitedAt}, now())` })
    .where(and(eq(users.id, row.userId), eq(users.status, "not_invited")));
}
