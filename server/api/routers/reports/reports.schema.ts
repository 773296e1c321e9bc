import { z } from "zod";

export const courseProgressInput = z.object({ itemId: z.uuid({ error: "Choose a course." }) });
export const trainingStatusInput = z.object({
  nodeId: z.uuid({ error: "No such part of your organisation." }).optional(),
  itemId: z.uuid({ error: "No such course in your scope." }).optional(),
});
