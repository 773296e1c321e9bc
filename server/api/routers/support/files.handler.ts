import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { documentStore } from "../../../content/file-store";
import { env } from "../../../env";
import { attachIssueFile, issueFile } from "../../../support/issues";
import type { IssueContext } from "../../trpc";
import type { attachFileInput, issueFileInput } from "./files.schema";

type IssueArgs<S extends z.ZodType> = { ctx: IssueContext; input: z.infer<S> };

/** Adds a file to an issue's history: as its reporter, or as one of its handlers. */
export const attachFileHandler = ({ ctx, input }: IssueArgs<typeof attachFileInput>) =>
  attachIssueFile(
    ctx.db,
    documentStore(),
    { ...ctx.audit, appUrl: env().APP_URL },
    input.issueId,
    { bytes: input.bytes, name: input.name },
    { by: ctx.decision.as === "reporter" ? "reporter" : "staff", internal: input.internal },
  );

/** A file of the issue, if the reader may see it (internal files are the handlers' and admins'). */
export async function issueFileHandler({ ctx, input }: IssueArgs<typeof issueFileInput>) {
  const file = await issueFile(ctx.db, documentStore(), input.issueId, input.fileId, ctx.decision.as);
  if (!file) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  return file;
}
