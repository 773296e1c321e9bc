import type { z } from "zod";
import { sendTestEmail } from "../../../email/send-test-email";
import type { AuthedContext } from "../../trpc";
import type { sendTestEmailInput } from "./send-test.schema";

export function sendTestEmailHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof sendTestEmailInput>;
}) {
  return sendTestEmail(ctx.db, { actorId: ctx.actor.userId, to: input.to, ip: ctx.ip });
}
