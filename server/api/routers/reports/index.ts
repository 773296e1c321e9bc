import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { courseProgressReport, reportableCourses } from "../../../content/progress-report";
import { createTRPCRouter, scopedProcedure } from "../../trpc";

export const reportsRouter = createTRPCRouter({
  courses: scopedProcedure("report.read").query(({ ctx }) => reportableCourses(ctx.db, ctx.actor)),
  courseProgress: scopedProcedure("report.read")
    .input(z.object({ itemId: z.uuid({ error: "Choose a course." }) }))
    .query(async ({ ctx, input }) => {
      // A course that has not reached the admin's scope does not exist for them.
      if (!(await reportableCourses(ctx.db, ctx.actor)).some((c) => c.id === input.itemId))
        throw new TRPCError({ code: "NOT_FOUND", message: "No such course in your scope." });
      return courseProgressReport(ctx.db, ctx.actor, input.itemId);
    }),
});
