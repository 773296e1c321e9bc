import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { courseProgressReport, reportableCourses } from "../../../content/progress-report";
import { administeredGrants } from "../../../scope";
import { createTRPCRouter, scopedProcedure, type AuthedContext } from "../../trpc";

/** The subtrees an admin's reports cover: their grants (everything for an owner admin). */
const reportPaths = (ctx: AuthedContext) => {
  const grants = administeredGrants(ctx.actor, "group_admin");
  return grants === "all" ? ("all" as const) : grants.map((g) => g.nodePath);
};

export const reportsRouter = createTRPCRouter({
  courses: scopedProcedure("report.read").query(({ ctx }) => reportableCourses(ctx.db, reportPaths(ctx))),
  courseProgress: scopedProcedure("report.read")
    .input(z.object({ itemId: z.uuid({ error: "Choose a course." }) }))
    .query(async ({ ctx, input }) => {
      const paths = reportPaths(ctx);
      // A course that has not reached the admin's scope does not exist for them.
      if (!(await reportableCourses(ctx.db, paths)).some((c) => c.id === input.itemId)) throw new TRPCError({ code: "NOT_FOUND", message: "No such course in your scope." });
      return courseProgressReport(ctx.db, input.itemId, paths);
    }),
});
