import { z } from "zod";

export const sendTestEmailInput = z.object({
  to: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "Enter a valid email address." })),
});
