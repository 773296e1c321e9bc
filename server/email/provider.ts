import { Resend } from "resend";
import { env } from "../env";

/**
 * The Resend client, or null when no API key is configured: emails then stay in the outbox as
 * "captured" and the dev mailbox shows them. RESEND_BASE_URL (read by the SDK itself) points it
 * at a stand-in server in tests.
 */
export function emailProvider(): Resend | null {
  const { RESEND_API_KEY } = env();
  return RESEND_API_KEY ? new Resend(RESEND_API_KEY) : null;
}
