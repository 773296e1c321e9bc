import { z } from "zod";
import { organisationImportLimits } from "../../../organisation/import-organisation";
import { bulkRequestKey } from "../bulk/bulk.schema";

const csv = z
  .string()
  .min(1, "Choose a CSV file.")
  .max(
    organisationImportLimits.maxChars,
    "The file is larger than 3.5 MB: split it into files of at most 100,000 lines (markets and customers first).",
  );
export const organisationImportCheckInput = z.object({ csv });
/** The import itself: the workers apply the file's lines, re-planned against the tree as it is then. */
export const organisationImportInput = z.object({ csv, requestKey: bulkRequestKey });
