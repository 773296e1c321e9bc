import { createTRPCRouter, internalProcedure, publicProcedure, scopedProcedure } from "../../trpc";
import { deliveryWebhookHandler, devMailboxHandler } from "./email.handler";
import { deliveryWebhookInput } from "./email.schema";
import { sendTestEmailHandler } from "./send-test.handler";
import { sendTestEmailInput } from "./send-test.schema";

export const emailRouter = createTRPCRouter({
  sendTest: scopedProcedure("email.sendTest").input(sendTestEmailInput).mutation(sendTestEmailHandler),
  devMailbox: publicProcedure.query(devMailboxHandler),
  deliveryWebhook: internalProcedure.input(deliveryWebhookInput).mutation(deliveryWebhookHandler),
});
