import { cancelEmailChange, requestEmailChange } from "../../../users/change-email";
import type { HandlerOptions, UserContext } from "../../trpc";
import type { cancelEmailChangeInput, requestEmailChangeInput } from "./email-change.schema";

export async function requestEmailChangeHandler({
  ctx,
  input,
}: HandlerOptions<UserContext, typeof requestEmailChangeInput>) {
  await requestEmailChange(ctx.db, ctx.audit, { ...input, appUrl: ctx.config.appUrl });
  return { ok: true as const };
}

export async function cancelEmailChangeHandler({
  ctx,
  input,
}: HandlerOptions<UserContext, typeof cancelEmailChangeInput>) {
  await cancelEmailChange(ctx.db, ctx.audit, input.userId);
  return { ok: true as const };
}
