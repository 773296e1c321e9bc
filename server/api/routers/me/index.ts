import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../../audit/record-audit";
import { activeSessions, endUserSessions } from "../../../auth/session";
import { DomainError } from "../../../domain-error";
import { userSessions, users } from "../../../db/schema";
import { env } from "../../../env";
import { recoveryCodesLeft } from "../../../auth/two-factor";
import { getSettings } from "../../../settings/get-settings";
import { appShellOf } from "../../../users/app-shell";
import { getUserRecord } from "../../../users/get-user";
import { updatePersonalData } from "../../../users/manage-user";
import { removeUserPhoto, setUserPhoto } from "../../../users/photo";
import { authedProcedure, createTRPCRouter } from "../../trpc";
import { personalDataInput, setPhotoInput } from "../users/manage.schema";
import {
  changePasswordHandler,
  confirmTwoFactorHandler,
  disableTwoFactorHandler,
  renewRecoveryCodesHandler,
  startTwoFactorHandler,
} from "./security.handler";
import { changePasswordInput, codeInput, disableTwoFactorInput, enrolmentCodeInput } from "./security.schema";

// One's own profile: the same rules as an admin's edit, without the manager (an admin sets that).
const ownPersonalData = personalDataInput.omit({ userId: true, managerId: true });
const ownPhoto = setPhotoInput.omit({ userId: true });

export const meRouter = createTRPCRouter({
  /** Who the signed-in user is and which areas and controls the scope resolver opens to them. */
  get: authedProcedure.query(({ ctx }) => appShellOf(ctx.db, ctx.actor)),
  /** One's own record, as the profile page shows it. */
  profile: authedProcedure.query(async ({ ctx }) => {
    const record = await getUserRecord(ctx.db, ctx.actor.userId);
    if (!record) throw new DomainError("NOT_FOUND", "No such user.");
    return record;
  }),
  /** What the Security page shows: two-step verification, the latest sign-in, the sessions' limits. */
  security: authedProcedure.query(async ({ ctx }) => {
    const [[me], settings] = await Promise.all([
      ctx.db
        .select({
          email: users.email,
          firstName: users.firstName,
          lastName: users.lastName,
          twoFactorEnabled: users.twoFactorEnabled,
          lastLoginAt: users.lastLoginAt,
          lastLoginIp: users.lastLoginIp,
        })
        .from(users)
        .where(eq(users.id, ctx.actor.userId)),
      getSettings(ctx.db),
    ]);
    if (!me) throw new DomainError("NOT_FOUND", "No such user.");
    return {
      ...me,
      awaitsTwoFactor: ctx.actor.awaitsTwoFactor,
      recoveryCodesLeft: me.twoFactorEnabled ? await recoveryCodesLeft(ctx.db, ctx.actor.userId) : 0,
      sessionIdleMinutes: settings.sessionIdleMinutes,
      sessionMaxHours: settings.sessionMaxHours,
    };
  }),
  // Sign-in and security: the current password and codes are checked under the login's slots and lock.
  changePassword: authedProcedure.input(changePasswordInput).mutation(changePasswordHandler),
  startTwoFactor: authedProcedure.mutation(startTwoFactorHandler),
  confirmTwoFactor: authedProcedure.input(enrolmentCodeInput).mutation(confirmTwoFactorHandler),
  disableTwoFactor: authedProcedure.input(disableTwoFactorInput).mutation(disableTwoFactorHandler),
  renewRecoveryCodes: authedProcedure.input(codeInput).mutation(renewRecoveryCodesHandler),
  updateProfile: authedProcedure.input(ownPersonalData).mutation(async ({ ctx, input }) => {
    await updatePersonalData(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, ctx.actor.userId, input);
    return { ok: true as const };
  }),
  setPhoto: authedProcedure.input(ownPhoto).mutation(async ({ ctx, input }) => {
    await setUserPhoto(
      ctx.db,
      { actorId: ctx.actor.userId, ip: ctx.ip },
      env().UPLOAD_DIR,
      ctx.actor.userId,
      Buffer.from(input.base64, "base64"),
    );
    return { ok: true as const };
  }),
  /** One's own sessions that still work: device, browser, address, signed in, last seen. */
  sessions: authedProcedure.query(({ ctx }) => activeSessions(ctx.db, ctx.actor.userId, ctx.sessionId ?? null)),
  endSession: authedProcedure.input(z.object({ sessionId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction(async (tx) => {
      // Only one's own: another person's session id is "not found", exactly like one that does not exist.
      const ended = await tx
        .update(userSessions)
        .set({ endedAt: new Date(), endReason: "ended_by_user" })
        .where(
          and(
            eq(userSessions.id, input.sessionId),
            eq(userSessions.userId, ctx.actor.userId),
            isNull(userSessions.endedAt),
          ),
        )
        .returning({ id: userSessions.id });
      if (ended.length === 0) throw new DomainError("NOT_FOUND", "That session has already ended.");
      await recordAudit(
        tx,
        { actorId: ctx.actor.userId, ip: ctx.ip },
        { action: "user.session_ended", targetType: "user", targetId: ctx.actor.userId, after: { sessions: 1 } },
      );
    });
    return { ok: true as const };
  }),
  endOtherSessions: authedProcedure.mutation(async ({ ctx }) => {
    const ended = await ctx.db.transaction(async (tx) => {
      const count = await endUserSessions(tx, ctx.actor.userId, "ended_by_user", ctx.sessionId ?? undefined);
      await recordAudit(
        tx,
        { actorId: ctx.actor.userId, ip: ctx.ip },
        { action: "user.session_ended", targetType: "user", targetId: ctx.actor.userId, after: { sessions: count } },
      );
      return count;
    });
    return { ended };
  }),
  removePhoto: authedProcedure.mutation(async ({ ctx }) => {
    await removeUserPhoto(ctx.db, { actorId: ctx.actor.userId, ip: ctx.ip }, env().UPLOAD_DIR, ctx.actor.userId);
    return { ok: true as const };
  }),
});
