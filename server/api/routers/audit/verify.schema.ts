import { z } from "zod";

export const verifyAuditInput = z
  .object({
    /** Every entry from the first (at most one a minute), or those added since the last check. */
    whole: z.boolean().default(false),
  })
  .strict()
  .default({ whole: false });
