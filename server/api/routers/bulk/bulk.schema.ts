import { z } from "zod";
import { bulkOperationKinds } from "../../../db/schema/bulk";

/**
 * The page's key for one press of a bulk action's button (a random id made when the dialog
 * opens): the same key twice starts one operation.
 */
export const bulkRequestKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "The request key is not valid: reload the page and try again.");

export const bulkOperationInput = z.object({ operationId: z.uuid() });

export const bulkListInput = z.object({
  kinds: z
    .array(z.enum(bulkOperationKinds))
    .min(1)
    .max(bulkOperationKinds.length)
    .default([...bulkOperationKinds]),
});
