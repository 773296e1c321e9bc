import {
  authedProcedure,
  createTRPCRouter,
  internalAuthedProcedure,
  scopedProcedure,
  serverCallersOnly,
  targetProcedure,
} from "../../trpc";
import {
  approveHandler,
  attachDocumentFileHandler,
  mayAttachDocumentFileHandler,
  documentFileHandler,
  assignmentsHandler,
  audienceHandler,
  assignToNodeHandler,
  assignToUserHandler,
  createContentHandler,
  getContentHandler,
  headingHandler,
  listContentHandler,
  publishHandler,
  trainingPeriodHandler,
  reachableHandler,
  saveDraftHandler,
  unassignHandler,
} from "./content.handler";
import {
  assignToNodeInput,
  attachDocumentFileInput,
  documentFileInput,
  assignToUserInput,
  createContentInput,
  itemIdInput,
  listContentInput,
  saveDraftInput,
  publishVersionInput,
  trainingPeriodInput,
  signVersionInput,
  unassignInput,
} from "./content.schema";
import { answerSessionHandler, myAttendanceHandler, recordAttendanceHandler, rosterHandler } from "./sessions.handler";
import { answerSessionInput, recordAttendanceInput, sessionInput } from "./sessions.schema";

export const contentRouter = createTRPCRouter({
  // Editing (owner admins); approving and publishing need their permission too.
  list: scopedProcedure("content.manage").input(listContentInput).query(listContentHandler),
  get: scopedProcedure("content.manage").input(itemIdInput).query(getContentHandler),
  create: scopedProcedure("content.manage").input(createContentInput).mutation(createContentHandler),
  saveDraft: scopedProcedure("content.manage").input(saveDraftInput).mutation(saveDraftHandler),
  approve: scopedProcedure("content.approve").input(signVersionInput).mutation(approveHandler),
  publish: scopedProcedure("content.publish").input(publishVersionInput).mutation(publishHandler),
  setTrainingPeriod: scopedProcedure("content.manage").input(trainingPeriodInput).mutation(trainingPeriodHandler),
  // A document's file as bytes, for its route handler (which reads and caps the upload's body).
  documentFile: internalAuthedProcedure.input(documentFileInput).query(documentFileHandler),
  mayAttachDocumentFile: scopedProcedure("content.manage")
    .use(serverCallersOnly)
    .input(itemIdInput)
    .query(mayAttachDocumentFileHandler),
  attachDocumentFile: scopedProcedure("content.manage")
    .use(serverCallersOnly)
    .input(attachDocumentFileInput)
    .mutation(attachDocumentFileHandler),
  // Distribution: each target is asked of the scope resolver (content.handler.ts).
  reachable: scopedProcedure("content.distribute").query(reachableHandler),
  heading: scopedProcedure("content.distribute").input(itemIdInput).query(headingHandler),
  // An item that has not reached the actor's part of the organisation does not exist for them.
  assignments: targetProcedure("content.passOn", itemIdInput).query(assignmentsHandler),
  audience: targetProcedure("content.passOn", itemIdInput).query(audienceHandler),
  assign: targetProcedure("content.passOn", assignToNodeInput).mutation(assignToNodeHandler),
  assignUser: targetProcedure("content.passOn", assignToUserInput).mutation(assignToUserHandler),
  unassign: scopedProcedure("content.distribute").input(unassignInput).mutation(unassignHandler),
  // Teacher-led sessions: the person answers for themselves; admins record who attended, each
  // person asked about as session.attendance.
  mySession: authedProcedure.input(sessionInput).query(myAttendanceHandler),
  answerSession: authedProcedure.input(answerSessionInput).mutation(answerSessionHandler),
  sessionRoster: targetProcedure("content.passOn", sessionInput).query(rosterHandler),
  recordAttendance: targetProcedure("content.passOn", recordAttendanceInput).mutation(recordAttendanceHandler),
});
