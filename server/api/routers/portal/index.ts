import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { portalHome, portalItem, recordCoursePage } from "../../../content/portal";
import { myGroups } from "../../../portal/my-groups";
import { authedProcedure, createTRPCRouter } from "../../trpc";

const itemInput = z.object({ itemId: z.uuid({ error: "No such item in your training." }) });

// The portal shows each person what they have; an admin may preview it as a user in their scope.
export const portalRouter = createTRPCRouter({
  home: authedProcedure.query(({ ctx }) => portalHome(ctx.db, ctx.actor.userId)),
  groups: authedProcedure.query(({ ctx }) => myGroups(ctx.db, ctx.actor.userId)),
  item: authedProcedure.input(itemInput).query(async ({ ctx, input }) => {
    const item = await portalItem(ctx.db, ctx.actor.userId, input.itemId);
    if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "No such item in your training." });
    return item;
  }),
  recordPage: authedProcedure
    .input(
      itemInput.extend({
        page: z
          .number()
          .int("No such page in this course.")
          .min(0, "No such page in this course.")
          .max(500, "No such page in this course."),
      }),
    )
    .mutation(({ ctx, input }) => recordCoursePage(ctx.db, ctx.actor.userId, input.itemId, input.page)),
  previewAs: authedProcedure
    .input(z.object({ userId: z.uuid({ error: "No such user in your organisation." }) }))
    .query(async ({ ctx, input }) => {
      await ctx.requireUser("user.read", input.userId);
      return portalHome(ctx.db, input.userId);
    }),
});
