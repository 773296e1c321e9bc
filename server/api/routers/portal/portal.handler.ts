import { TRPCError } from "@trpc/server";
import { portalHome, portalItem, recordCoursePage } from "../../../content/portal";
import { myGroups } from "../../../portal/my-groups";
import type { AuthedContext, HandlerOptions, UserContext } from "../../trpc";
import type { itemInput, previewAsInput, recordPageInput } from "./portal.schema";

// The portal shows each person what they have; an admin may preview it as a user in their scope.
export const homeHandler = ({ ctx }: { ctx: AuthedContext }) => portalHome(ctx.db, ctx.actor.userId);
export const groupsHandler = ({ ctx }: { ctx: AuthedContext }) => myGroups(ctx.db, ctx.actor.userId);

export async function itemHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof itemInput>) {
  const item = await portalItem(ctx.db, ctx.actor.userId, input.itemId);
  if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "No such item in your training." });
  return item;
}

export const recordPageHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof recordPageInput>) =>
  recordCoursePage(ctx.db, ctx.actor.userId, input.itemId, input.page);

/** The person was resolved for user.read before this runs (targetProcedure). */
export const previewAsHandler = ({ ctx, input }: HandlerOptions<UserContext, typeof previewAsInput>) =>
  portalHome(ctx.db, input.userId);
