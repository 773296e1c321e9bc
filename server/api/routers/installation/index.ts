import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { firstStepsHandler } from "./installation.handler";

/** The installation as a whole: what a new one still lacks (its owner admins' first steps). */
export const installationRouter = createTRPCRouter({
  firstSteps: scopedProcedure("settings.manage").query(firstStepsHandler),
});
