import { z } from "zod";

export const importChunkSize = 200;

const file = {
  csv: z
    .string()
    .min(1, "Choose a CSV file.")
    .max(3_000_000, "The file is too large: split it into files of at most 10,000 users."),
  defaultGroupId: z.uuid().nullable(),
};
export const importCheckInput = z.object(file);
export const importChunkInput = z.object({
  ...file,
  fromLine: z.number().int().min(2),
  count: z.number().int().min(1).max(importChunkSize),
  skipInvalid: z.boolean(),
});
