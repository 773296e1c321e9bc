import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { sendTestEmailHandler } from "./send-test.handler";
import { sendTestEmailInput } from "./send-test.schema";

export const emailRouter = createTRPCRouter({
  sendTest: scopedProcedure("email.sendTest").input(sendTestEmailInput).mutation(sendTestEmailHandler),
});
