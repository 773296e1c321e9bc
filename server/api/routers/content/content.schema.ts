import { z } from "zod";
import { contentVersionInput } from "../../../content/editing";

export const itemIdInput = z.object({ itemId: z.uuid({ error: "No such content." }) });
/**
 * Approving or publishing a version is signed: the password again (and a code, with two-step
 * verification on), and the signer's statement that they mean it.
 */
export const signVersionInput = itemIdInput.extend({
  // What the signer read: the version and the hash of its content as their page showed it.
  versionId: z.uuid({ error: "Open the version again, then sign." }),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "Open the version again, then sign."),
  password: z.string().min(1, "Enter your password to sign.").max(1024),
  code: z.string().trim().max(100).optional(),
  statement: z.literal(true, { error: "Confirm what your signature means." }),
});
/** Publishing a course's next version also says whether those trained on the one before must retrain. */
export const publishVersionInput = signVersionInput.extend({ retrain: z.boolean().optional() });
export const listContentInput = z.object({ kind: z.enum(["product", "course", "session", "document"]).optional() });
export const createContentInput = contentVersionInput;
export const saveDraftInput = z.object({ itemId: z.uuid({ error: "No such content." }), version: contentVersionInput });
export const assignToNodeInput = z.object({
  itemId: z.uuid({ error: "No such content." }),
  nodeId: z.uuid({ error: "Choose where to give it." }),
});
export const assignToUserInput = z.object({
  itemId: z.uuid({ error: "No such content." }),
  userId: z.uuid({ error: "Choose the person." }),
});
export const unassignInput = z.object({
  assignmentId: z.uuid({ error: "No such assignment." }),
  dryRun: z.boolean().default(false),
});

export const documentFileInput = itemIdInput.extend({ draft: z.boolean().default(false) });
export const attachDocumentFileInput = itemIdInput.extend({
  name: z.string().trim().min(1, "The file has no name.").max(255, "Shorten the file's name to 255 characters."),
  bytes: z.instanceof(Uint8Array, { message: "Choose a file to upload." }),
});
export const trainingPeriodInput = itemIdInput.extend({
  days: z
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "Give people at least a day.")
    .max(365, "A training period is at most 365 days."),
});
