import { TRPCError } from "@trpc/server";
import { courseProgressReport, reportableCourses } from "../../../content/progress-report";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { courseProgressInput } from "./reports.schema";

export const coursesHandler = ({ ctx }: { ctx: AuthedContext }) => reportableCourses(ctx.db, ctx.actor);
/** What the progress report may show: courses and teacher-led sessions. */
export const progressItemsHandler = ({ ctx }: { ctx: AuthedContext }) =>
  reportableCourses(ctx.db, ctx.actor, ["course", "session"]);

export async function courseProgressHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof courseProgressInput>) {
  // A course that has not reached the admin's scope does not exist for them.
  if (!(await reportableCourses(ctx.db, ctx.actor, ["course", "session"])).some((c) => c.id === input.itemId))
    throw new TRPCError({ code: "NOT_FOUND", message: "No such course in your scope." });
  return courseProgressReport(ctx.db, ctx.actor, input.itemId);
}
