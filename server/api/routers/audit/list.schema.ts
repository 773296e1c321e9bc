import { z } from "zod";

const day = z.iso.date({ error: "Give the date as YYYY-MM-DD." });

export const listAuditInput = z
  .object({
    // Up to 1,000 a page for an export, which reads the period page by page.
    pageSize: z.number().int().min(1).max(1000).default(50),
    // The id of the last entry seen: the next page holds older ones.
    cursor: z.number().int().positive().optional(),
    // A period, in whole days (UTC): from the first day's start to the last day's end.
    from: day.optional(),
    to: day.optional(),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    path: ["to"],
    message: "The period ends before it starts.",
  });
