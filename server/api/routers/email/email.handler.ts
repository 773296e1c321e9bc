import { receiveDeliveryWebhook } from "../../../email/delivery-webhook";
import { devMailbox, devMailboxEnabled } from "../../../email/dev-mailbox";
import { DomainError } from "../../../domain-error";
import type { HandlerOptions, InnerContext } from "../../trpc";
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
}: HandlerOptions<InnerContext, typeof deliveryWebhookInput>) => ({
  outcome: await receiveDeliveryWebhook(
    ctx.db,
    { secret: ctx.config.resendWebhookSecret ?? undefined, apiKey: ctx.config.resendApiKey ?? undefined },
    input,
  ),
});
