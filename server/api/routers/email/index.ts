import { z } from "zod";
import { receiveDeliveryWebhook } from "../../../email/delivery-webhook";
import { devMailbox, devMailboxEnabled } from "../../../email/dev-mailbox";
import { DomainError } from "../../../domain-error";
import { env } from "../../../env";
import { createTRPCRouter, internalProcedure, publicProcedure, scopedProcedure } from "../../trpc";
import { sendTestEmailHandler } from "./send-test.handler";
import { sendTestEmailInput } from "./send-test.schema";

const header = z.string().max(1000);

export const emailRouter = createTRPCRouter({
  sendTest: scopedProcedure("email.sendTest").input(sendTestEmailInput).mutation(sendTestEmailHandler),
  /** Development only, while emails are captured: what was sent. Elsewhere it does not exist. */
  devMailbox: publicProcedure.query(({ ctx }) => {
    if (!devMailboxEnabled()) throw new DomainError("NOT_FOUND", "No such page.");
    return devMailbox(ctx.db);
  }),
  /** Resend's webhook, from its route handler (which caps the body). */
  deliveryWebhook: internalProcedure
    .input(z.object({ id: header, timestamp: header, signature: header, payload: z.string().max(256 * 1024) }))
    .mutation(async ({ ctx, input }) => ({
      outcome: await receiveDeliveryWebhook(
        ctx.db,
        { secret: env().RESEND_WEBHOOK_SECRET, apiKey: env().RESEND_API_KEY },
        input,
      ),
    })),
});
