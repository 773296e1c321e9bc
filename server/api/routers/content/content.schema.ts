import { z } from "zod";
import { contentVersionInput } from "../../../content/editing";

export const itemIdInput = z.object({ itemId: z.uuid({ error: "No such content." }) });
export const listContentInput = z.object({ kind: z.enum(["product", "course", "session", "document"]).optional() });
export const createContentInput = contentVersionInput;
export const saveDraftInput = z.object({ itemId: z.uuid({ error: "No such content." }), version: contentVersionInput });
export const assignToNodeInput = z.object({
  itemId: z.uuid({ error: "No such content." }),
  nodeId: z.uuid({ error: "Choose where to give it." }),
});
export const assignToUserInput = z.object({
  itemId: z.uuid({ error: "No such content." }),
  userId: z.uuid({ error: "Choose the person." }),
});
export const unassignInput = z.object({
  assignmentId: z.uuid({ error: "No such assignment." }),
  dryRun: z.boolean().default(false),
});
