import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { courseProgressHandler, coursesHandler } from "./reports.handler";
import { courseProgressInput } from "./reports.schema";

export const reportsRouter = createTRPCRouter({
  courses: scopedProcedure("report.read").query(coursesHandler),
  courseProgress: scopedProcedure("report.read").input(courseProgressInput).query(courseProgressHandler),
});
