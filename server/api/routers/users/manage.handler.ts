import { TRPCError } from "@trpc/server";
import { createUserInGroups } from "../../../users/create-user";
import { readUserPhoto, removePhotoFile, removeUserPhoto, setUserPhoto } from "../../../users/photo";
import {
  deleteUser,
  endSessionsOf,
  resetTwoFactorOf,
  setSuspended,
  unlockUser,
  updatePersonalData,
} from "../../../users/manage-user";
import type { AuthedContext, HandlerOptions, UserContext } from "../../trpc";
import type {
  createUserInput,
  deleteInput,
  endSessionsInput,
  resetTwoFactorInput,
  personalDataInput,
  removePhotoInput,
  setPhotoInput,
  setSuspendedInput,
  unlockInput,
} from "./manage.schema";

// The person acted on was resolved before these handlers run (targetProcedure in index.ts).

export async function setSuspendedHandler({ ctx, input }: HandlerOptions<UserContext, typeof setSuspendedInput>) {
  await setSuspended(ctx.db, ctx.audit, input.userId, input.suspended);
  return { ok: true as const };
}

export async function unlockHandler({ ctx, input }: HandlerOptions<UserContext, typeof unlockInput>) {
  await unlockUser(ctx.db, ctx.audit, input.userId);
  return { ok: true as const };
}

export async function deleteHandler({ ctx, input }: HandlerOptions<UserContext, typeof deleteInput>) {
  const { photoPath } = await deleteUser(ctx.db, ctx.audit, input.userId, { typedEmail: input.confirmEmail });
  await removePhotoFile(ctx.config.uploadDir, photoPath);
  return { ok: true as const };
}

export async function updatePersonalDataHandler({ ctx, input }: HandlerOptions<UserContext, typeof personalDataInput>) {
  if (input.managerId === input.userId)
    throw new TRPCError({ code: "BAD_REQUEST", message: "A person cannot be their own manager." });
  // The manager must be someone the admin can see: a manager elsewhere in the tree stays out of reach.
  if (input.managerId) await ctx.require("user.read", input.managerId);
  const { userId, ...data } = input;
  await updatePersonalData(ctx.db, ctx.audit, userId, data);
  return { ok: true as const };
}

export async function createUserHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof createUserInput>) {
  // The groups were asked about by the procedure; each role is asked about as a grant would be.
  for (const role of input.roles) await ctx.requireRoleAt(role.role, role.nodeId);
  return createUserInGroups(ctx.db, ctx.audit, input, { appUrl: ctx.config.appUrl, secret: ctx.config.authSecret });
}

export async function setPhotoHandler({ ctx, input }: HandlerOptions<UserContext, typeof setPhotoInput>) {
  await setUserPhoto(ctx.db, ctx.audit, ctx.config.uploadDir, input.userId, Buffer.from(input.base64, "base64"));
  return { ok: true as const };
}

export async function removePhotoHandler({ ctx, input }: HandlerOptions<UserContext, typeof removePhotoInput>) {
  await removeUserPhoto(ctx.db, ctx.audit, ctx.config.uploadDir, input.userId);
  return { ok: true as const };
}

export async function endSessionsHandler({ ctx, input }: HandlerOptions<UserContext, typeof endSessionsInput>) {
  return endSessionsOf(ctx.db, ctx.audit, input.userId);
}

export async function resetTwoFactorHandler({ ctx, input }: HandlerOptions<UserContext, typeof resetTwoFactorInput>) {
  await resetTwoFactorOf(ctx.db, ctx.audit, input.userId);
  return { ok: true as const };
}

export async function photoFileHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof removePhotoInput>) {
  if (input.userId !== ctx.actor.userId) await ctx.require("user.read", input.userId);
  const photo = await readUserPhoto(ctx.db, ctx.config.uploadDir, input.userId);
  if (!photo) throw new TRPCError({ code: "NOT_FOUND", message: "No photo." });
  return photo;
}
