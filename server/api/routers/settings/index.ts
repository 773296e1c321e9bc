import { z } from "zod";
import { customFieldDefinitions } from "../../../organisation/custom-fields";
import { getSettings } from "../../../settings/get-settings";
import { updateAccountSettings } from "../../../settings/update-settings";
import { createTRPCRouter, scopedProcedure } from "../../trpc";

export const accountSettingsInput = z.object({
  installationName: z.string().trim().min(1, "Enter the installation's name.").max(80),
  seatLimit: z.number().int("Enter a whole number.").min(1, "A seat limit is at least 1; leave it empty for no limit.").max(10_000_000).nullable(),
  customerFields: customFieldDefinitions,
});

export const settingsRouter = createTRPCRouter({
  get: scopedProcedure("settings.manage").query(async ({ ctx }) => {
    const row = await getSettings(ctx.db);
    return { installationName: row.installationName, seatLimit: row.seatLimit, customerFields: row.customerFields };
  }),
  updateAccount: scopedProcedure("settings.manage")
    .input(accountSettingsInput)
    .mutation(async ({ ctx, input }) => {
      await updateAccountSettings(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, input);
      return { ok: true as const };
    }),
});
