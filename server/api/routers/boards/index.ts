import { boardsProcedure, createTRPCRouter, targetProcedure } from "../../trpc";
import {
  accessHandler,
  createHandler,
  dismissReportHandler,
  giveToNodeHandler,
  giveToUserHandler,
  givableNodesHandler,
  headingHandler,
  mineHandler,
  reportsHandler,
  takeBackHandler,
} from "./boards.handler";
import { attachPostFileHandler, mayAttachPostFileHandler, postFileHandler } from "./files.handler";
import {
  attachPostFileInput,
  postFileTargetInput,
  boardIdInput,
  createBoardInput,
  dismissReportInput,
  editPostInput,
  giveToNodeInput,
  giveToUserInput,
  helpfulInput,
  moderatePostInput,
  moderateThreadInput,
  postFileInput,
  replyInput,
  reportPostInput,
  startThreadInput,
  takeBackInput,
  threadIdInput,
  threadInput,
  threadsInput,
} from "./boards.schema";
import {
  editHandler,
  helpfulHandler,
  markReadHandler,
  moderatePostHandler,
  moderateThreadHandler,
  replyHandler,
  reportHandler,
  startThreadHandler,
  threadEventsHandler,
  threadHandler,
  threadsHandler,
} from "./threads.handler";

/** Community boards: nothing of them while they are off; every board asked about through the resolver. */
export const boardsRouter = createTRPCRouter({
  mine: boardsProcedure.query(mineHandler),
  create: boardsProcedure.input(createBoardInput).mutation(createHandler),
  heading: targetProcedure("board.read", boardIdInput).query(headingHandler),
  // Members (and moderators).
  threads: targetProcedure("board.read", threadsInput).query(threadsHandler),
  thread: targetProcedure("board.read", threadInput).query(threadHandler),
  threadEvents: targetProcedure("board.read", threadIdInput).subscription(threadEventsHandler),
  markRead: targetProcedure("board.read", threadIdInput).mutation(markReadHandler),
  startThread: targetProcedure("board.post", startThreadInput).mutation(startThreadHandler),
  reply: targetProcedure("board.post", replyInput).mutation(replyHandler),
  edit: targetProcedure("board.post", editPostInput).mutation(editHandler),
  helpful: targetProcedure("board.post", helpfulInput).mutation(helpfulHandler),
  report: targetProcedure("board.read", reportPostInput).mutation(reportHandler),
  // Files: uploaded and read through their route handlers, which stream the body in up to the cap.
  mayAttachFile: targetProcedure("board.post", postFileTargetInput, { callers: "server" }).query(
    mayAttachPostFileHandler,
  ),
  attachFile: targetProcedure("board.post", attachPostFileInput, { callers: "server" }).mutation(attachPostFileHandler),
  file: targetProcedure("board.read", postFileInput, { callers: "server" }).query(postFileHandler),
  // Moderators.
  access: targetProcedure("board.moderate", boardIdInput).query(accessHandler),
  givableNodes: targetProcedure("board.moderate", boardIdInput).query(givableNodesHandler),
  giveToNode: targetProcedure("board.moderate", giveToNodeInput).mutation(giveToNodeHandler),
  giveToUser: targetProcedure("board.moderate", giveToUserInput).mutation(giveToUserHandler),
  takeBack: targetProcedure("board.moderate", takeBackInput).mutation(takeBackHandler),
  moderateThread: targetProcedure("board.moderate", moderateThreadInput).mutation(moderateThreadHandler),
  moderatePost: targetProcedure("board.moderate", moderatePostInput).mutation(moderatePostHandler),
  reports: targetProcedure("board.moderate", boardIdInput).query(reportsHandler),
  dismissReport: targetProcedure("board.moderate", dismissReportInput).mutation(dismissReportHandler),
});
