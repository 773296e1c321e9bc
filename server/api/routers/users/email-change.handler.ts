import type { z } from "zod";
import { env } from "../../../env";
import { cancelEmailChange, requestEmailChange } from "../../../users/change-email";
import type { AuthedContext } from "../../trpc";
import type { cancelEmailChangeInput, requestEmailChangeInput } from "./email-change.schema";

export async function requestEmailChangeHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof requestEmailChangeInput>;
}) {
  await ctx.requireUser("user.account", input.userId);
  await requestEmailChange(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, { ...input, appUrl: env().APP_URL });
  return { ok: true as const };
}

export async function cancelEmailChangeHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof cancelEmailChangeInput>;
}) {
  await ctx.requireUser("user.account", input.userId);
  await cancelEmailChange(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, input.userId);
  return { ok: true as const };
}
