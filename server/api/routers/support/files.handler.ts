import { TRPCError } from "@trpc/server";
import { documentStore } from "../../../content/file-store";
import { attachIssueFile, issueFile, issueTakesFiles } from "../../../support/issues";
import { issueViewerOf } from "../../../support/queries";
import type { HandlerOptions, IssueContext } from "../../trpc";
import type { attachFileInput, issueFileInput, issueFileTargetInput } from "./files.schema";

const side = (ctx: IssueContext) => (ctx.decision.as === "reporter" ? "reporter" : "staff");

/** Before an upload's body is read: the uploader may add a file to this issue now. */
export async function mayAttachFileHandler({ ctx, input }: HandlerOptions<IssueContext, typeof issueFileTargetInput>) {
  await issueTakesFiles(ctx.db, input.issueId, side(ctx));
  return { uploaderId: ctx.actor.userId };
}

/** Adds a file to an issue's history: as its reporter, or as one of its handlers. */
export const attachFileHandler = ({ ctx, input }: HandlerOptions<IssueContext, typeof attachFileInput>) =>
  attachIssueFile(
    ctx.db,
    documentStore(),
    { ...ctx.audit, appUrl: ctx.config.appUrl },
    input.issueId,
    { bytes: input.bytes, name: input.name },
    { by: side(ctx), internal: input.internal },
  );

/** A file of the issue, if the reader may see it (internal files are the handlers' and admins'). */
export async function issueFileHandler({ ctx, input }: HandlerOptions<IssueContext, typeof issueFileInput>) {
  const viewer = issueViewerOf(ctx.actor, ctx.target, ctx.decision.as);
  const file = await issueFile(ctx.db, documentStore(), input.issueId, input.fileId, viewer);
  if (!file) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  return file;
}
