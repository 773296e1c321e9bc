import type { z } from "zod";
import { receiveDeliveryWebhook } from "../../../email/delivery-webhook";
import { devMailbox, devMailboxEnabled } from "../../../email/dev-mailbox";
import { DomainError } from "../../../domain-error";
import { env } from "../../../env";
import type { InnerContext } from "../../trpc";
import type { deliveryWebhookInput } from "./email.schema";

/** Development only, while emails are captured: what was sent. Elsewhere it does not exist. */
export function devMailboxHandler({ ctx }: { ctx: InnerContext }) {
  if (!devMailboxEnabled()) throw new DomainError("NOT_FOUND", "No such page.");
  return devMailbox(ctx.db);
}

/** Resend's webhook, from its route handler (which caps the body). */
export const deliveryWebhookHandler = async ({
  ctx,
  input,
}: {
  ctx: InnerContext;
  input: z.infer<typeof deliveryWebhookInput>;
}) => ({
  outcome: await receiveDeliveryWebhook(
    ctx.db,
    { secret: env().RESEND_WEBHOOK_SECRET, apiKey: env().RESEND_API_KEY },
    input,
  ),
});
