import { desc } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { emailOutbox } from "../db/schema";
import { env } from "../env";

/**
 * The dev mailbox shows every captured email to anyone who opens it, so it exists only in
 * development and only while emails are being captured (no Resend key).
 */
export function devMailboxEnabled(config = env()): boolean {
  return config.NODE_ENV !== "production" && !config.RESEND_API_KEY;
}

/** The newest captured emails, for the dev mailbox page. */
export async function devMailbox(db: DbOrTx, limit = 50) {
  return db
    .select({
      id: emailOutbox.id,
      subject: emailOutbox.subject,
      toAddress: emailOutbox.toAddress,
      createdAt: emailOutbox.createdAt,
      status: emailOutbox.status,
      text: emailOutbox.text,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
