import { z } from "zod";
import { customFieldDefinitions } from "../organisation/custom-fields";

/**
 * The owner's account settings, written once: this schema checks the Settings page's input, and
 * its type and keys are what the page edits, the row gives back and the audit entry keeps. A new
 * setting is a column of the settings table, a field here and a control on the form.
 */
export const accountSettingsInput = z.object({
  installationName: z.string().trim().min(1, "Enter the installation's name.").max(80),
  seatLimit: z
    .number()
    .int("Enter a whole number.")
    .min(1, "A seat limit is at least 1; leave it empty for no limit.")
    .max(10_000_000)
    .nullable(),
  customerFields: customFieldDefinitions,
  invitationExpiryDays: z
    .number()
    .int("Enter whole days.")
    .min(1, "A link works at least 1 day.")
    .max(60, "At most 60 days."),
  invitationResendIntervalDays: z
    .number()
    .int("Enter whole days.")
    .min(1, "At least 1 day.")
    .max(60, "At most 60 days."),
  invitationResendMax: z
    .number()
    .int("Enter a whole number.")
    .min(0, "0 turns reminders off.")
    .max(10, "At most 10 reminders."),
  registrationRequestsEnabled: z.boolean(),
  autoApproveEnabled: z.boolean(),
  showAdminContactsWhenSuspended: z.boolean(),
  supportIssuesEnabled: z.boolean(),
  communityBoardsEnabled: z.boolean(),
  supportReopenDays: z
    .number()
    .int("Enter whole days.")
    .min(0, "0: a resolved issue cannot be reopened.")
    .max(365, "At most a year (365 days)."),
  lockoutThreshold: z
    .number()
    .int("Enter a whole number.")
    .min(3, "At least 3 failed sign-ins.")
    .max(20, "At most 20 failed sign-ins."),
  lockoutMinutes: z
    .number()
    .int("Enter whole minutes.")
    .min(1, "At least 1 minute.")
    .max(1440, "At most 24 hours (1,440 minutes)."),
  ipThrottleFailures: z
    .number()
    .int("Enter a whole number.")
    .min(10, "At least 10: a hospital's staff may share one address.")
    .max(100_000),
  ipThrottleMinutes: z
    .number()
    .int("Enter whole minutes.")
    .min(1, "At least 1 minute.")
    .max(1440, "At most 24 hours (1,440 minutes)."),
  requireTwoFactorForAdmins: z.boolean(),
  requireTwoFactorForOwnerAdmins: z.boolean(),
  sessionIdleMinutes: z
    .number()
    .int("Enter whole minutes.")
    .min(5, "At least 5 minutes.")
    .max(720, "At most 12 hours (720 minutes)."),
  // The session cookie itself lasts 24 hours: a longer limit could not be kept.
  sessionMaxHours: z.number().int("Enter whole hours.").min(1, "At least 1 hour.").max(24, "At most 24 hours."),
});

export type AccountSettings = z.infer<typeof accountSettingsInput>;
export const accountSettingKeys = Object.keys(accountSettingsInput.shape) as (keyof AccountSettings)[];
