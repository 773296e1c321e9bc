import { z } from "zod";

export const issueTypeFields = z.object({
  name: z.string().trim().min(1, "Name the issue type.").max(80, "Keep the name under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters."),
  deviceComplaint: z.boolean(),
  defaultUnitId: z.uuid({ error: "Choose the unit that handles these issues." }),
  attachmentsAllowed: z.boolean(),
});
export const updateIssueTypeInput = issueTypeFields.extend({ typeId: z.uuid() });
export const retireIssueTypeInput = z.object({ typeId: z.uuid(), action: z.enum(["retire", "restore"]) });

/** A person's support profile: handling units (none: not on staff), issue types, accounts. */
export const staffProfileInput = z.object({
  userId: z.uuid(),
  unitIds: z.array(z.uuid()).max(20, "At most 20 handling units."),
  typeIds: z.array(z.uuid()).max(100, "At most 100 issue types."),
  accounts: z
    .array(z.object({ nodeId: z.uuid(), category: z.enum(["customer", "distributor", "service"]) }))
    .max(500, "At most 500 assigned accounts."),
});
export const staffOfInput = z.object({ userId: z.uuid() });
