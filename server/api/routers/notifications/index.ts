import { authedProcedure, createTRPCRouter } from "../../trpc";
import { listNotificationsHandler, markReadHandler, unreadHandler } from "./notifications.handler";
import { markReadInput } from "./notifications.schema";

/** One's own notifications (admins' in the dashboard, everyone's in the portal): nobody reads another's. */
export const notificationsRouter = createTRPCRouter({
  list: authedProcedure.query(listNotificationsHandler),
  unread: authedProcedure.query(unreadHandler),
  markRead: authedProcedure.input(markReadInput).mutation(markReadHandler),
});
