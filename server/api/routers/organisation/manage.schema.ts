import { z } from "zod";
import { customFieldValuesInput } from "../../../organisation/custom-fields";

const nodeId = z.uuid();
const profile = {
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  customFields: customFieldValuesInput,
};

export const nodeByIdInput = z.object({ nodeId });
export const createNodeInput = z.object({
  parentId: nodeId,
  kind: z.enum(["market", "customer", "internal", "group"]),
  ...profile,
});
export const updateNodeInput = z.object({ nodeId, ...profile });
export const setArchivedInput = z.object({ nodeId, archived: z.boolean() });
export const deleteNodeInput = z.object({
  nodeId,
  confirmName: z.string().trim().min(1, "Type the name to confirm.").max(120),
});
export const moveCustomerInput = z.object({ nodeId, newParentId: nodeId });
