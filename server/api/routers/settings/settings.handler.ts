import { getSettings } from "../../../settings/get-settings";
import { accountSettingsOf, updateAccountSettings } from "../../../settings/update-settings";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { accountSettingsInput } from "./settings.schema";

export const getSettingsHandler = async ({ ctx }: { ctx: AuthedContext }) =>
  accountSettingsOf(await getSettings(ctx.db));

export async function updateAccountHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof accountSettingsInput>) {
  await updateAccountSettings(ctx.db, ctx.audit, input);
  return { ok: true as const };
}
