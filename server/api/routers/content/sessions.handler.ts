import { TRPCError } from "@trpc/server";
import { portalItem } from "../../../content/portal";
import { answerSession, myAttendance, recordAttendance, sessionRoster } from "../../../content/sessions";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { answerSessionInput, recordAttendanceInput, sessionInput } from "./sessions.schema";

/** The person's own session: only one they have in their training, else it does not exist. */
async function requireOwnSession(ctx: AuthedContext, itemId: string) {
  const item = await portalItem(ctx.db, ctx.actor.userId, itemId);
  if (item?.kind !== "session")
    throw new TRPCError({ code: "NOT_FOUND", message: "No such session in your training." });
}

export async function myAttendanceHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof sessionInput>) {
  await requireOwnSession(ctx, input.itemId);
  return myAttendance(ctx.db, input.itemId, ctx.actor.userId);
}

export async function answerSessionHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof answerSessionInput>) {
  await requireOwnSession(ctx, input.itemId);
  await answerSession(ctx.db, ctx.audit, { ...input, userId: ctx.actor.userId });
  return { ok: true as const };
}

/** Who was invited, among the people the admin may see (its procedure kind checked the item reached them). */
export async function rosterHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof sessionInput>) {
  return sessionRoster(ctx.db, input.itemId, ctx.actor);
}

/** Each person is asked about on their own: attendance is recorded only for people in the admin's scope. */
export async function recordAttendanceHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof recordAttendanceInput>) {
  for (const entry of input.entries) await ctx.require("session.attendance", entry.userId);
  return recordAttendance(ctx.db, ctx.audit, input);
}
