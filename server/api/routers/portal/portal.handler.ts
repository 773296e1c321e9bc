import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { portalHome, portalItem, recordCoursePage } from "../../../content/portal";
import { myGroups } from "../../../portal/my-groups";
import type { AuthedContext, UserContext } from "../../trpc";
import type { itemInput, previewAsInput, recordPageInput } from "./portal.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };

// The portal shows each person what they have; an admin may preview it as a user in their scope.
export const homeHandler = ({ ctx }: { ctx: AuthedContext }) => portalHome(ctx.db, ctx.actor.userId);
export const groupsHandler = ({ ctx }: { ctx: AuthedContext }) => myGroups(ctx.db, ctx.actor.userId);

export async function itemHandler({ ctx, input }: Args<typeof itemInput>) {
  const item = await portalItem(ctx.db, ctx.actor.userId, input.itemId);
  if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "No such item in your training." });
  return item;
}

export const recordPageHandler = ({ ctx, input }: Args<typeof recordPageInput>) =>
  recordCoursePage(ctx.db, ctx.actor.userId, input.itemId, input.page);

/** The person was resolved for user.read before this runs (userProcedure). */
export const previewAsHandler = ({ ctx, input }: { ctx: UserContext; input: z.infer<typeof previewAsInput> }) =>
  portalHome(ctx.db, input.userId);
