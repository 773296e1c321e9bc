export { accountSettingsInput } from "../../../settings/account-settings";
