import { sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database } from "../db/client";
import { settings } from "../db/schema";
import { accountSettingKeys, type AccountSettings } from "./account-settings";
import { getSettings, type Settings } from "./get-settings";

/** The account settings of a settings row: what the Settings page edits and the audit entry keeps. */
export function accountSettingsOf(row: Settings): AccountSettings & { demoData: boolean } {
  const picked = Object.fromEntries(accountSettingKeys.map((key) => [key, row[key]])) as AccountSettings;
  return { ...picked, demoData: row.demoData };
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
