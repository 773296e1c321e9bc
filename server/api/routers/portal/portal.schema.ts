import { z } from "zod";

export const itemInput = z.object({ itemId: z.uuid({ error: "No such item in your training." }) });
export const recordPageInput = itemInput.extend({
  page: z
    .number()
    .int("No such page in this course.")
    .min(0, "No such page in this course.")
    .max(500, "No such page in this course."),
});
export const previewAsInput = z.object({ userId: z.uuid({ error: "No such user in your organisation." }) });
export const certificateInput = z.object({
  completionId: z.uuid({ error: "No such certificate in your training record." }),
});
