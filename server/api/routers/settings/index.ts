import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { getSettingsHandler, updateAccountHandler } from "./settings.handler";
import { accountSettingsInput } from "./settings.schema";

export const settingsRouter = createTRPCRouter({
  get: scopedProcedure("settings.manage").query(getSettingsHandler),
  updateAccount: scopedProcedure("settings.manage").input(accountSettingsInput).mutation(updateAccountHandler),
});
