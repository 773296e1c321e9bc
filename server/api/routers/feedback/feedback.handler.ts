import type { z } from "zod";
import { feedbackSummary, giveFeedback, markFeedbackHandled, ownFeedback } from "../../../feedback/feedback";
import type { AuthedContext } from "../../trpc";
import type { feedbackSummaryInput, giveFeedbackInput, markHandledInput, ownFeedbackInput } from "./feedback.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };

export const ownFeedbackHandler = ({ ctx, input }: Args<typeof ownFeedbackInput>) =>
  ownFeedback(ctx.db, ctx.actor.userId, input.itemId);

export const giveFeedbackHandler = ({ ctx, input }: Args<typeof giveFeedbackInput>) =>
  giveFeedback(ctx.db, ctx.actor.userId, input);

export const feedbackSummaryHandler = ({ ctx, input }: Args<typeof feedbackSummaryInput>) =>
  feedbackSummary(ctx.db, ctx.actor, input);

export async function markHandledHandler({ ctx, input }: Args<typeof markHandledInput>) {
  await markFeedbackHandled(ctx.db, { ...ctx.audit, actorId: ctx.actor.userId }, input.feedbackId, input.handled);
  return { ok: true as const };
}
