import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { assignmentById, assignToNode, assignToUser, removeAssignment } from "../../../content/assignments";
import {
  assignmentsInScope,
  audienceInScope,
  contentHeading,
  contentToPassOn,
  documentFileFor,
  editsContent,
} from "../../../content/distribution";
import {
  approveDraft,
  contentForEditor,
  createContent,
  listContent,
  publishApproved,
  setTrainingPeriod,
  saveDraft,
} from "../../../content/editing";
import { attachDocumentFile, documentTakesFile } from "../../../content/document-files";
import { documentStore } from "../../../content/file-store";
import { authenticateSigner } from "../../../content/signatures";
import type { AuthedContext, ContentContext, HandlerOptions } from "../../trpc";
import type {
  attachDocumentFileInput,
  documentFileInput,
  assignToNodeInput,
  assignToUserInput,
  createContentInput,
  itemIdInput,
  listContentInput,
  saveDraftInput,
  publishVersionInput,
  trainingPeriodInput,
  signVersionInput,
  unassignInput,
} from "./content.schema";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No such content." });

export const listContentHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof listContentInput>) =>
  listContent(ctx.db, input);

export async function getContentHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof itemIdInput>) {
  const found = await contentForEditor(ctx.db, input.itemId);
  if (!found) throw notFound();
  return found;
}

export const createContentHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof createContentInput>) =>
  createContent(ctx.db, ctx.audit, input);
export const saveDraftHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof saveDraftInput>) =>
  saveDraft(ctx.db, ctx.audit, input.itemId, input.version);

const shownOf = (input: z.infer<typeof signVersionInput>) => ({
  versionId: input.versionId,
  contentHash: input.contentHash,
});

/** The signer proves it is them (password, and code with two-step verification) before signing. */
const signer = (ctx: AuthedContext, input: z.infer<typeof signVersionInput>) =>
  authenticateSigner(
    ctx.db,
    { userId: ctx.actor.userId, sessionId: ctx.sessionId ?? null, ip: ctx.ip, secret: ctx.config.authSecret },
    { password: input.password, code: input.code },
  );

export async function approveHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof signVersionInput>) {
  await approveDraft(ctx.db, ctx.audit, input.itemId, await signer(ctx, input), shownOf(input));
  return { ok: true as const };
}

export async function publishHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof publishVersionInput>) {
  await publishApproved(ctx.db, ctx.audit, input.itemId, await signer(ctx, input), shownOf(input), {
    retrain: input.retrain,
  });
  return { ok: true as const };
}

/** What the actor may pass on: what has reached the nodes they administer (everything, for an owner admin). */
export const reachableHandler = ({ ctx }: { ctx: AuthedContext }) => contentToPassOn(ctx.db, ctx.actor);

export const headingHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof itemIdInput>) =>
  contentHeading(ctx.db, ctx.actor, input.itemId);

/** How many people see the item now, among those in the actor's scope. */
export const audienceHandler = async ({ ctx, input }: HandlerOptions<ContentContext, typeof itemIdInput>) => ({
  people: await audienceInScope(ctx.db, ctx.actor, input.itemId),
});

export const assignmentsHandler = ({ ctx, input }: HandlerOptions<ContentContext, typeof itemIdInput>) =>
  assignmentsInScope(ctx.db, ctx.actor, input.itemId);

export async function assignToNodeHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof assignToNodeInput>) {
  await ctx.require("content.assign", input.nodeId);
  // An owner admin gives; everyone else passes on what the node above has (checked in the domain).
  return assignToNode(ctx.db, ctx.audit, { ...input, root: editsContent(ctx.actor) });
}

export async function assignToUserHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof assignToUserInput>) {
  await ctx.require("content.assignUser", input.userId);
  await assignToUser(ctx.db, ctx.audit, {
    ...input,
    root: editsContent(ctx.actor),
    appUrl: ctx.config.appUrl,
  });
  return { ok: true as const };
}

export async function unassignHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof unassignInput>) {
  const assignment = await assignmentById(ctx.db, input.assignmentId);
  if (!assignment) throw new TRPCError({ code: "NOT_FOUND", message: "No such assignment in your scope." });
  if (assignment.nodeId) await ctx.require("content.assign", assignment.nodeId);
  else if (assignment.userId) await ctx.require("content.assignUser", assignment.userId);
  return removeAssignment(ctx.db, ctx.audit, input.assignmentId, { dryRun: input.dryRun });
}

/**
 * A document's file, for its route handler: the published version's to whoever has the document;
 * an editor may ask for the draft's. Anyone else: NOT_FOUND, as for a document that does not exist.
 */
export const documentFileHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof documentFileInput>) =>
  documentFileFor(ctx.db, ctx.actor, input.itemId, input.draft);

/** Puts an uploaded file into a document's draft (its route handler read the body up to the cap). */
/** Before an upload's body is read: the item is a document an editor may give a file. */
export async function mayAttachDocumentFileHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof itemIdInput>) {
  await documentTakesFile(ctx.db, input.itemId);
  return { uploaderId: ctx.actor.userId };
}

export const attachDocumentFileHandler = ({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof attachDocumentFileInput>) =>
  attachDocumentFile(ctx.db, documentStore(), ctx.audit, input.itemId, { bytes: input.bytes, name: input.name });

export const trainingPeriodHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof trainingPeriodInput>) =>
  setTrainingPeriod(ctx.db, ctx.audit, input.itemId, input.days);
