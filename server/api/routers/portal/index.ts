import { authedProcedure, createTRPCRouter, targetProcedure } from "../../trpc";
import { groupsHandler, homeHandler, itemHandler, previewAsHandler, recordPageHandler } from "./portal.handler";
import { certificateHandler, trainingDueHandler, trainingRecordHandler } from "./training-record.handler";
import { certificateInput, itemInput, previewAsInput, recordPageInput } from "./portal.schema";

export const portalRouter = createTRPCRouter({
  home: authedProcedure.query(homeHandler),
  groups: authedProcedure.query(groupsHandler),
  item: authedProcedure.input(itemInput).query(itemHandler),
  recordPage: authedProcedure.input(recordPageInput).mutation(recordPageHandler),
  /** The signed-in person's own training: what is required of them, and what they completed (which version, when). */
  trainingRecord: authedProcedure.query(trainingRecordHandler),
  trainingDue: authedProcedure.query(trainingDueHandler),
  certificate: authedProcedure.input(certificateInput).query(certificateHandler),
  previewAs: targetProcedure("user.read", previewAsInput).query(previewAsHandler),
});
