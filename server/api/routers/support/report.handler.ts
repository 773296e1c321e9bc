import { portalHome } from "../../../content/portal";
import { addMessage, reopenIssue, reportIssue } from "../../../support/issues";
import { listIssueTypes } from "../../../support/issue-types";
import { issueForReader, reporterIssues } from "../../../support/queries";
import type { AuthedContext, HandlerOptions, IssueContext } from "../../trpc";
import type { followUpInput, issueIdInput, reportInput } from "./report.schema";

/** What the report form offers: the live issue types, and the items the person has. */
export async function reportFormHandler({ ctx }: { ctx: AuthedContext }) {
  const [types, home] = await Promise.all([
    listIssueTypes(ctx.db, { includeArchived: false }),
    portalHome(ctx.db, ctx.actor.userId),
  ]);
  return {
    types: types.map(({ id, name, description, deviceComplaint, attachmentsAllowed }) => ({
      id,
      name,
      description,
      deviceComplaint,
      attachmentsAllowed,
    })),
    items: home.items.map((item) => ({ id: item.id, title: item.title, kind: item.kind })),
  };
}

export const reportHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof reportInput>) =>
  reportIssue(ctx.db, { ...ctx.audit, appUrl: ctx.config.appUrl }, ctx.actor.userId, input);

export const mineHandler = ({ ctx }: { ctx: AuthedContext }) => reporterIssues(ctx.db, ctx.actor.userId);

/** One issue, as its reader may see it, with what they may do to it. */
export const issueHandler = ({ ctx }: HandlerOptions<IssueContext, typeof issueIdInput>) =>
  issueForReader(ctx.db, ctx.actor, ctx.target, ctx.decision.as);

export async function followUpHandler({ ctx, input }: HandlerOptions<IssueContext, typeof followUpInput>) {
  await addMessage(ctx.db, { ...ctx.audit, appUrl: ctx.config.appUrl }, input.issueId, {
    body: input.body,
    internal: false,
    as: "reporter",
  });
  return { ok: true as const };
}

export async function reopenHandler({ ctx, input }: HandlerOptions<IssueContext, typeof issueIdInput>) {
  await reopenIssue(ctx.db, ctx.audit, input.issueId);
  return { ok: true as const };
}
