import { z } from "zod";

export const listAuditInput = z.object({
  pageSize: z.number().int().min(1).max(100).default(50),
  // The id of the last entry seen: the next page holds older ones.
  cursor: z.number().int().positive().optional(),
});
