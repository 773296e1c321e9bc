import { z } from "zod";

export const requestEmailChangeInput = z.object({
  userId: z.uuid(),
  newEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "Enter a valid email address." })),
});
export const cancelEmailChangeInput = z.object({ userId: z.uuid() });
