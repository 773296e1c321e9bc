import { z } from "zod";
import { listNotifications, markNotificationsRead, unreadNotifications } from "../../../notifications/inbox";
import { createTRPCRouter, scopedProcedure } from "../../trpc";

export const markReadInput = z.object({
  ids: z.union([z.literal("all"), z.array(z.uuid()).min(1, "Choose at least one notification.").max(100)]),
});

// Notifications are each administrator's own: every query is bound to the actor as recipient.
export const notificationsRouter = createTRPCRouter({
  list: scopedProcedure("dashboard.open").query(({ ctx }) => listNotifications(ctx.db, ctx.actor.userId)),
  unread: scopedProcedure("dashboard.open").query(({ ctx }) => unreadNotifications(ctx.db, ctx.actor.userId)),
  markRead: scopedProcedure("dashboard.open")
    .input(markReadInput)
    .mutation(async ({ ctx, input }) => ({
      changed: await markNotificationsRead(ctx.db, ctx.actor.userId, input.ids),
    })),
});
