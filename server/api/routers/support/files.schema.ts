import { z } from "zod";

const issueId = z.uuid({ error: "No such issue." });

/** A file on an issue, as its route handler read it (the body was capped while it streamed in). */
export const attachFileInput = z.object({
  issueId,
  name: z.string().max(1_000),
  bytes: z.instanceof(Uint8Array, { message: "Choose a file to upload." }),
  // Handlers only: a file beside the internal notes, never shown to the reporter.
  internal: z.boolean(),
});

/** The issue a file is for, asked about before the upload's body is read. */
export const issueFileTargetInput = z.object({ issueId });
export const issueFileInput = z.object({ issueId, fileId: z.uuid({ error: "No such file." }) });
