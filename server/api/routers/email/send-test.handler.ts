import { sendTestEmail } from "../../../email/send-test-email";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { sendTestEmailInput } from "./send-test.schema";

export function sendTestEmailHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof sendTestEmailInput>) {
  return sendTestEmail(ctx.db, { actorId: ctx.actor.userId, to: input.to, ip: ctx.ip });
}
