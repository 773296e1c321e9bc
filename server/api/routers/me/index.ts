import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { env } from "../../../env";
import { can } from "../../../scope";
import { updatePersonalData } from "../../../users/manage-user";
import { removeUserPhoto, setUserPhoto } from "../../../users/photo";
import { authedProcedure, createTRPCRouter } from "../../trpc";
import { personalDataInput, setPhotoInput } from "../users/manage.schema";

// One's own profile: the same rules as an admin's edit, without the manager (an admin sets that).
const ownPersonalData = personalDataInput.omit({ userId: true, managerId: true });
const ownPhoto = setPhotoInput.omit({ userId: true });

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
  updateProfile: authedProcedure.input(ownPersonalData).mutation(async ({ ctx, input }) => {
    await updatePersonalData(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, ctx.actor.userId, input);
    return { ok: true as const };
  }),
  setPhoto: authedProcedure.input(ownPhoto).mutation(async ({ ctx, input }) => {
    await setUserPhoto(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, env().UPLOAD_DIR, ctx.actor.userId, Buffer.from(input.base64, "base64"));
    return { ok: true as const };
  }),
  removePhoto: authedProcedure.mutation(async ({ ctx }) => {
    await removeUserPhoto(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, env().UPLOAD_DIR, ctx.actor.userId);
    return { ok: true as const };
  }),
});
