import { z } from "zod";

/** One request of a bulk action: the client sends the selection in chunks and shows the progress. */
export const bulkChunkSize = 50;

export const bulkActionInput = z
  .object({
    action: z.enum(["invite", "suspend", "reactivate", "addToGroup", "delete"]),
    userIds: z
      .array(z.uuid())
      .min(1, "Select at least one user.")
      .max(bulkChunkSize)
      .refine((ids) => new Set(ids).size === ids.length, "A user is listed twice."),
    groupId: z.uuid().optional(),
    // Deleting is irreversible: the request itself must say the person confirmed it.
    confirmDeletion: z.literal(true).optional(),
  })
  .superRefine((input, issue) => {
    if (input.action === "addToGroup" && !input.groupId)
      issue.addIssue({ code: "custom", path: ["groupId"], message: "Choose the group to add them to." });
    if (input.action === "delete" && input.confirmDeletion !== true)
      issue.addIssue({ code: "custom", path: ["confirmDeletion"], message: "Confirm the deletion first." });
  });
