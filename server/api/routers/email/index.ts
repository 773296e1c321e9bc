import { z } from "zod";
import { receiveDeliveryWebhook } from "../../../email/delivery-webhook";
import { env } from "../../../env";
import { createTRPCRouter, internalProcedure, scopedProcedure } from "../../trpc";
import { sendTestEmailHandler } from "./send-test.handler";
import { sendTestEmailInput } from "./send-test.schema";

const header = z.string().max(1000);

export const emailRouter = createTRPCRouter({
  sendTest: scopedProcedure("email.sendTest").input(sendTestEmailInput).mutation(sendTestEmailHandler),
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
