import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { listNotificationsHandler, markReadHandler, unreadHandler } from "./notifications.handler";
import { markReadInput } from "./notifications.schema";

export const notificationsRouter = createTRPCRouter({
  list: scopedProcedure("dashboard.open").query(listNotificationsHandler),
  unread: scopedProcedure("dashboard.open").query(unreadHandler),
  markRead: scopedProcedure("dashboard.open").input(markReadInput).mutation(markReadHandler),
});
