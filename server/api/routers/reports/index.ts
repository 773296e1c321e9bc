import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { courseProgressHandler, coursesHandler, progressItemsHandler } from "./reports.handler";
import { courseProgressInput, trainingStatusInput } from "./reports.schema";
import { trainingStatusHandler } from "./training.handler";

export const reportsRouter = createTRPCRouter({
  courses: scopedProcedure("report.read").query(coursesHandler),
  progressItems: scopedProcedure("report.read").query(progressItemsHandler),
  courseProgress: scopedProcedure("report.read").input(courseProgressInput).query(courseProgressHandler),
  /** Who is trained on the current version of each required course, overdue people first. */
  trainingStatus: scopedProcedure("report.read").input(trainingStatusInput).query(trainingStatusHandler),
});
