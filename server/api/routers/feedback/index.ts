import { authedProcedure, createTRPCRouter, scopedProcedure } from "../../trpc";
import {
  feedbackSummaryHandler,
  giveFeedbackHandler,
  markHandledHandler,
  ownFeedbackHandler,
} from "./feedback.handler";
import { feedbackSummaryInput, giveFeedbackInput, markHandledInput, ownFeedbackInput } from "./feedback.schema";

/** Feedback on content: given in the portal on what one has, read in the dashboard within one's scope. */
export const feedbackRouter = createTRPCRouter({
  mine: authedProcedure.input(ownFeedbackInput).query(ownFeedbackHandler),
  give: authedProcedure.input(giveFeedbackInput).mutation(giveFeedbackHandler),
  summary: scopedProcedure("feedback.read").input(feedbackSummaryInput).query(feedbackSummaryHandler),
  markHandled: scopedProcedure("feedback.handle").input(markHandledInput).mutation(markHandledHandler),
});
