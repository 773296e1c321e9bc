import { env } from "../env";

/**
 * The dev mailbox shows every captured email to anyone who opens it, so it exists only in
 * development and only while emails are being captured (no Resend key).
 */
export function devMailboxEnabled(config = env()): boolean {
  return config.NODE_ENV !== "production" && !config.RESEND_API_KEY;
}
