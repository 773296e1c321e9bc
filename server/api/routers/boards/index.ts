import { boardProcedure, boardsProcedure, createTRPCRouter } from "../../trpc";
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
  heading: boardProcedure("board.read", boardIdInput).query(headingHandler),
  // Members (and moderators).
  threads: boardProcedure("board.read", threadsInput).query(threadsHandler),
  thread: boardProcedure("board.read", threadInput).query(threadHandler),
  threadEvents: boardProcedure("board.read", threadIdInput).subscription(threadEventsHandler),
  markRead: boardProcedure("board.read", threadIdInput).mutation(markReadHandler),
  startThread: boardProcedure("board.post", startThreadInput).mutation(startThreadHandler),
  reply: boardProcedure("board.post", replyInput).mutation(replyHandler),
  edit: boardProcedure("board.post", editPostInput).mutation(editHandler),
  helpful: boardProcedure("board.post", helpfulInput).mutation(helpfulHandler),
  report: boardProcedure("board.read", reportPostInput).mutation(reportHandler),
  // Files: uploaded and read through their route handlers, which stream the body in up to the cap.
  mayAttachFile: boardProcedure("board.post", postFileTargetInput, "server").query(mayAttachPostFileHandler),
  attachFile: boardProcedure("board.post", attachPostFileInput, "server").mutation(attachPostFileHandler),
  file: boardProcedure("board.read", postFileInput, "server").query(postFileHandler),
  // Moderators.
  access: boardProcedure("board.moderate", boardIdInput).query(accessHandler),
  givableNodes: boardProcedure("board.moderate", boardIdInput).query(givableNodesHandler),
  giveToNode: boardProcedure("board.moderate", giveToNodeInput).mutation(giveToNodeHandler),
  giveToUser: boardProcedure("board.moderate", giveToUserInput).mutation(giveToUserHandler),
  takeBack: boardProcedure("board.moderate", takeBackInput).mutation(takeBackHandler),
  moderateThread: boardProcedure("board.moderate", moderateThreadInput).mutation(moderateThreadHandler),
  moderatePost: boardProcedure("board.moderate", moderatePostInput).mutation(moderatePostHandler),
  reports: boardProcedure("board.moderate", boardIdInput).query(reportsHandler),
  dismissReport: boardProcedure("board.moderate", dismissReportInput).mutation(dismissReportHandler),
});
