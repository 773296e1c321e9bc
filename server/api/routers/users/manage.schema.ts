import { z } from "zod";
import { roleAtNodeInput } from "./placements.schema";

const userId = z.uuid();
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .transform((value) => value || null)
    .nullable()
    .default(null);

export const setSuspendedInput = z.object({ userId, suspended: z.boolean() });
export const unlockInput = z.object({ userId });
export const endSessionsInput = z.object({ userId });
export const resetTwoFactorInput = z.object({ userId });
export const deleteInput = z.object({
  userId,
  confirmEmail: z.string().trim().min(1, "Type the user's email address to confirm.").max(320),
});
export const personalDataInput = z.object({
  userId,
  firstName: z.string().trim().min(1, "Enter a first name.").max(100, "Keep the first name under 100 characters."),
  lastName: z.string().trim().min(1, "Enter a last name.").max(100, "Keep the last name under 100 characters."),
  phone: optionalText(40).refine(
    (v) => v === null || /^[+0-9 ()\-./]{5,40}$/.test(v),
    "Enter a phone number with digits, spaces and + ( ) - only.",
  ),
  position: optionalText(120),
  // Left out: unchanged. Null: no manager.
  managerId: z.uuid().nullable().optional(),
});
export const createUserInput = personalDataInput.omit({ userId: true, managerId: true }).extend({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "Enter a valid email address." })),
  // At least one group: a person belongs somewhere; several at once when they work in several.
  groupIds: z
    .array(z.uuid({ error: "Choose a user group." }), { error: "Choose at least one user group for the new user." })
    .min(1, "Choose at least one user group for the new user.")
    .max(10, "Choose at most 10 groups; add more from the user's page.")
    .refine((ids) => new Set(ids).size === ids.length, "A group is chosen twice."),
  // Admin roles granted with the creation, where the creator may grant them.
  roles: z.array(roleAtNodeInput).max(4, "Grant at most 4 roles here; add more from the user's page.").default([]),
  // "Send the invitation now": on unless the admin unticks it; unticked, they stay Not invited.
  inviteNow: z.boolean().default(true),
});
// A photo of at most 2 MB, sent as base64 (4/3 of its size); its type is checked from its bytes.
export const setPhotoInput = z.object({
  userId,
  base64: z
    .string()
    .min(1, "Choose a photo.")
    .max(2_800_000, "The photo is larger than 2 MB. Choose a smaller one.")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "The photo could not be read. Choose the file again."),
});
export const removePhotoInput = z.object({ userId });
