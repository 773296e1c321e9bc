import { addMessage, assignIssue, changeStatus, decideReportability } from "../../../support/issues";
import {
  assignableHandlers,
  exportIssues,
  inbox,
  inboxCounts,
  inboxFilterOptions,
  issueTrend,
} from "../../../support/queries";
import { TRPCError } from "@trpc/server";
import { DomainError } from "../../../domain-error";
import { HandlerOptions, type AuthedContext, type IssueContext } from "../../trpc";
import type {
  assignInput,
  exportInput,
  filterOptionsInput,
  inboxInput,
  reassignInput,
  reportabilityInput,
  respondInput,
  statusInput,
} from "./handling.schema";
import type { issueIdInput } from "./report.schema";

const supportContext = (ctx: AuthedContext) => ({ ...ctx.audit, appUrl: ctx.config.appUrl });

export const inboxHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof inboxInput>) =>
  inbox(ctx.db, ctx.actor, input);

export const exportHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof exportInput>) =>
  exportIssues(ctx.db, ctx.actor, input);

export const trendHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof exportInput>) =>
  issueTrend(ctx.db, ctx.actor, input);

export const filterOptionsHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof filterOptionsInput>) =>
  inboxFilterOptions(ctx.db, ctx.actor, input);

export const inboxCountsHandler = ({ ctx }: { ctx: AuthedContext }) => inboxCounts(ctx.db, ctx.actor);

export async function respondHandler({ ctx, input }: HandlerOptions<IssueContext, typeof respondInput>) {
  await addMessage(ctx.db, supportContext(ctx), input.issueId, {
    body: input.body,
    internal: input.internal,
    as: "staff",
  });
  return { ok: true as const };
}

export async function statusHandler({ ctx, input }: HandlerOptions<IssueContext, typeof statusInput>) {
  await changeStatus(ctx.db, supportContext(ctx), input.issueId, input.status);
  return { ok: true as const };
}

export const assignableHandler = ({ ctx, input }: HandlerOptions<IssueContext, typeof issueIdInput>) =>
  assignableHandlers(ctx.db, input.issueId);

export async function assignHandler({ ctx, input }: HandlerOptions<IssueContext, typeof assignInput>) {
  await assignIssue(ctx.db, ctx.audit, input.issueId, input.assigneeId);
  return { ok: true as const };
}

export async function reportabilityHandler({ ctx, input }: HandlerOptions<IssueContext, typeof reportabilityInput>) {
  await decideReportability(ctx.db, ctx.audit, input.issueId, input);
  return { ok: true as const };
}

/**
 * Gives each chosen issue to the handler, each asked about on its own (support.assign) and each in
 * its own transaction; says which could not be, and why.
 */
export async function reassignHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof reassignInput>) {
  const failed: { issueId: string; message: string }[] = [];
  let assigned = 0;
  for (const issueId of input.issueIds) {
    try {
      await ctx.require("support.assign", issueId);
      await assignIssue(ctx.db, ctx.audit, issueId, input.assigneeId);
      assigned += 1;
    } catch (error) {
      if (!(error instanceof TRPCError) && !(error instanceof DomainError)) throw error;
      failed.push({ issueId, message: error.message });
    }
  }
  return { assigned, failed };
}
