import { z } from "zod";
import { bulkOperationLimit } from "../../../bulk/operations";
import { bulkRequestKey } from "../bulk/bulk.schema";

/**
 * One press of a bulk action's button: a selection of users (or, to invite, everyone here not yet
 * invited). The request records the operation and answers; the workers do it.
 */
export const bulkActionInput = z
  .object({
    requestKey: bulkRequestKey,
    action: z.enum(["invite", "suspend", "reactivate", "addToGroup", "delete"]),
    userIds: z
      .array(z.uuid())
      .min(1, "Select at least one user.")
      .max(bulkOperationLimit, `Select at most ${bulkOperationLimit.toLocaleString("en-GB")} users at a time.`)
      .refine((ids) => new Set(ids).size === ids.length, "A user is listed twice.")
      .optional(),
    // Instead of a selection: everyone not yet invited (and not suspended), under `nodeId` or in scope.
    everyoneNotInvited: z.literal(true).optional(),
    // The users page's node: where the people are, and whose admins see the operation's progress.
    nodeId: z.uuid().optional(),
    groupId: z.uuid().optional(),
    // Deleting is irreversible: the request itself must say the person confirmed it.
    confirmDeletion: z.literal(true).optional(),
  })
  .superRefine((input, issue) => {
    if ((input.userIds === undefined) === (input.everyoneNotInvited === undefined))
      issue.addIssue({ code: "custom", path: ["userIds"], message: "Select the users to act on." });
    if (input.everyoneNotInvited && input.action !== "invite")
      issue.addIssue({ code: "custom", path: ["action"], message: "Only invitations go to everyone at once." });
    if (input.action === "addToGroup" && !input.groupId)
      issue.addIssue({ code: "custom", path: ["groupId"], message: "Choose the group to add them to." });
    if (input.action === "delete" && input.confirmDeletion !== true)
      issue.addIssue({ code: "custom", path: ["confirmDeletion"], message: "Confirm the deletion first." });
  });
