import { listNotifications, markNotificationsRead, unreadNotifications } from "../../../notifications/inbox";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { markReadInput } from "./notifications.schema";

// Notifications are each administrator's own: every query is bound to the actor as recipient.
export const listNotificationsHandler = ({ ctx }: { ctx: AuthedContext }) =>
  listNotifications(ctx.db, ctx.actor.userId);
export const unreadHandler = ({ ctx }: { ctx: AuthedContext }) => unreadNotifications(ctx.db, ctx.actor.userId);
export const markReadHandler = async ({ ctx, input }: HandlerOptions<AuthedContext, typeof markReadInput>) => ({
  changed: await markNotificationsRead(ctx.db, ctx.actor.userId, input.ids),
});
