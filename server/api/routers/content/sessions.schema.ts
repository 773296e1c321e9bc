import { z } from "zod";

const itemId = z.uuid({ error: "No such session." });
export const sessionInput = z.object({ itemId });
export const answerSessionInput = z.object({
  itemId,
  response: z.enum(["attending", "not_attending"], { error: "Say whether you attend." }),
});
export const recordAttendanceInput = z.object({
  itemId,
  entries: z
    .array(z.object({ userId: z.uuid(), attended: z.boolean() }), { error: "Say who attended." })
    .min(1, "Say who attended.")
    .max(500, "Record at most 500 people at a time.")
    .refine((entries) => new Set(entries.map((e) => e.userId)).size === entries.length, "A person is listed twice."),
});
