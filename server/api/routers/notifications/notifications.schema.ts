import { z } from "zod";

export const markReadInput = z.object({
  ids: z.union([z.literal("all"), z.array(z.uuid()).min(1, "Choose at least one notification.").max(100)]),
});
