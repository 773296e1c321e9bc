import { feedbackSummary, giveFeedback, markFeedbackHandled, ownFeedback } from "../../../feedback/feedback";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { feedbackSummaryInput, giveFeedbackInput, markHandledInput, ownFeedbackInput } from "./feedback.schema";

export const ownFeedbackHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof ownFeedbackInput>) =>
  ownFeedback(ctx.db, ctx.actor.userId, input.itemId);

export const giveFeedbackHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof giveFeedbackInput>) =>
  giveFeedback(ctx.db, ctx.actor.userId, input);

export const feedbackSummaryHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof feedbackSummaryInput>) =>
  feedbackSummary(ctx.db, ctx.actor, input);

export async function markHandledHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof markHandledInput>) {
  await markFeedbackHandled(ctx.db, { ...ctx.audit, actorId: ctx.actor.userId }, input.feedbackId, input.handled);
  return { ok: true as const };
}
