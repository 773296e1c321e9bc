import type { z } from "zod";
import { env } from "../../../env";
import { cancelEmailChange, requestEmailChange } from "../../../users/change-email";
import type { UserContext } from "../../trpc";
import type { cancelEmailChangeInput, requestEmailChangeInput } from "./email-change.schema";

export async function requestEmailChangeHandler({
  ctx,
  input,
}: {
  ctx: UserContext;
  input: z.infer<typeof requestEmailChangeInput>;
}) {
  await requestEmailChange(ctx.db, ctx.audit, { ...input, appUrl: env().APP_URL });
  return { ok: true as const };
}

export async function cancelEmailChangeHandler({
  ctx,
  input,
}: {
  ctx: UserContext;
  input: z.infer<typeof cancelEmailChangeInput>;
}) {
  await cancelEmailChange(ctx.db, ctx.audit, input.userId);
  return { ok: true as const };
}
