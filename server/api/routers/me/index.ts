import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { can } from "../../../scope";
import { authedProcedure, createTRPCRouter } from "../../trpc";

export const meRouter = createTRPCRouter({
  /** Who the signed-in user is and which areas of the app the scope resolver opens to them. */
  get: authedProcedure.query(async ({ ctx }) => {
    const [me] = await ctx.db
      .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
      .from(users)
      .where(eq(users.id, ctx.actor.userId));
    return {
      ...me,
      primaryRole: ctx.actor.primaryRole,
      canOpenDashboard: can(ctx.actor, "dashboard.open").allowed,
      canManageSettings: can(ctx.actor, "settings.manage").allowed,
    };
  }),
});
