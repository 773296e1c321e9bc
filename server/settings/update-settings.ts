import { sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database } from "../db/client";
import { settings } from "../db/schema";
import type { CustomFieldDefinition } from "../organisation/custom-fields";
import { getSettings, type Settings } from "./get-settings";

export interface AccountSettings {
  installationName: string;
  seatLimit: number | null;
  customerFields: CustomFieldDefinition[];
  invitationExpiryDays: number;
  invitationResendIntervalDays: number;
  invitationResendMax: number;
  registrationRequestsEnabled: boolean;
  autoApproveEnabled: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
  ipThrottleFailures: number;
  ipThrottleMinutes: number;
  requireTwoFactorForAdmins: boolean;
  requireTwoFactorForOwnerAdmins: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

/** The account settings of a settings row: what the Settings page edits and the audit entry keeps. */
export function accountSettingsOf(row: Settings): AccountSettings & { demoData: boolean } {
  return {
    demoData: row.demoData,
    installationName: row.installationName,
    seatLimit: row.seatLimit,
    customerFields: row.customerFields,
    invitationExpiryDays: row.invitationExpiryDays,
    invitationResendIntervalDays: row.invitationResendIntervalDays,
    invitationResendMax: row.invitationResendMax,
    registrationRequestsEnabled: row.registrationRequestsEnabled,
    autoApproveEnabled: row.autoApproveEnabled,
    lockoutThreshold: row.lockoutThreshold,
    lockoutMinutes: row.lockoutMinutes,
    ipThrottleFailures: row.ipThrottleFailures,
    ipThrottleMinutes: row.ipThrottleMinutes,
    requireTwoFactorForAdmins: row.requireTwoFactorForAdmins,
    requireTwoFactorForOwnerAdmins: row.requireTwoFactorForOwnerAdmins,
    sessionIdleMinutes: row.sessionIdleMinutes,
    sessionMaxHours: row.sessionMaxHours,
  };
}

/** The owner's account settings: installation name, seat limit, customers' custom fields, invitations, registration, sign-in security. */
export async function updateAccountSettings(
  db: Database,
  context: AuditContext,
  input: AccountSettings,
): Promise<void> {
  await db.transaction(async (tx) => {
    await getSettings(tx); // makes sure the single row exists
    const [before] = await tx.select().from(settings).for("update");
    const [after] = await tx
      .update(settings)
      .set({ ...input, updatedAt: new Date() })
      .where(sql`${settings.id}`)
      .returning();
    const view = (row: Settings | undefined) =>
      row ? (({ demoData: _demo, ...rest }) => rest)(accountSettingsOf(row)) : null;
    await recordAudit(tx, context, {
      action: "settings.updated",
      targetType: "settings",
      targetId: null,
      before: view(before),
      after: view(after),
    });
  });
}
