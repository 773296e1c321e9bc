import { TRPCError } from "@trpc/server";
import { certificateOf, trainingRecordOf } from "../../../content/training-record";
import { requirementsOf } from "../../../content/training-status";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { certificateInput } from "./portal.schema";

/** The person's own training: what is required of them and where they stand, and what they completed. */
export const trainingRecordHandler = async ({ ctx }: { ctx: AuthedContext }) => ({
  requirements: await requirementsOf(ctx.db, ctx.actor.userId),
  record: await trainingRecordOf(ctx.db, ctx.actor.userId),
});

/** How far ahead the home page points out a course due. */
const pointedOutDays = 14;

/** The person's training that needs attention (to retrain on, or due within two weeks), for their home page. */
export const trainingDueHandler = ({ ctx }: { ctx: AuthedContext }) =>
  requirementsOf(ctx.db, ctx.actor.userId, {
    due: { before: new Date(Date.now() + pointedOutDays * 86_400_000), orRetraining: true },
  });

/** A completion certificate: only ever the person's own. */
export async function certificateHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof certificateInput>) {
  const certificate = await certificateOf(ctx.db, ctx.actor.userId, input.completionId);
  if (!certificate) throw new TRPCError({ code: "NOT_FOUND", message: "No such certificate in your training record." });
  return certificate;
}
