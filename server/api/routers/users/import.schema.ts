import { z } from "zod";
import { bulkRequestKey } from "../bulk/bulk.schema";

const file = {
  csv: z
    .string()
    .min(1, "Choose a CSV file.")
    .max(3_000_000, "The file is too large: split it into files of at most 10,000 users."),
  defaultGroupId: z.uuid().nullable(),
};
export const importCheckInput = z.object(file);
/** The import itself: the workers create the valid rows, re-checked, and report each line. */
export const importInput = z.object({ ...file, requestKey: bulkRequestKey });
