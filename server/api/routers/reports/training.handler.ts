import { TRPCError } from "@trpc/server";
import { reportableCourses } from "../../../content/progress-report";
import { trainingStatusReport } from "../../../content/training-status";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { trainingStatusInput } from "./reports.schema";

/**
 * Who is trained on the current version, in the actor's groups or one node's subtree of them. A
 * node or course outside the actor's scope does not exist for them.
 */
export async function trainingStatusHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof trainingStatusInput>) {
  const node = input.nodeId ? (await ctx.require("node.read", input.nodeId)).target : null;
  const courses = await reportableCourses(ctx.db, ctx.actor);
  if (input.itemId && !courses.some((c) => c.id === input.itemId))
    throw new TRPCError({ code: "NOT_FOUND", message: "No such course in your scope." });
  const itemIds = input.itemId ? [input.itemId] : courses.map((c) => c.id);
  return trainingStatusReport(ctx.db, ctx.actor, { nodePath: node?.nodePath, itemIds });
}
