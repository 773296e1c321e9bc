import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { createUserInGroup } from "../../../users/create-user";
import { env } from "../../../env";
import { readUserPhoto, removePhotoFile, removeUserPhoto, setUserPhoto } from "../../../users/photo";
import {
  deleteUser,
  endSessionsOf,
  resetTwoFactorOf,
  setSuspended,
  unlockUser,
  updatePersonalData,
} from "../../../users/manage-user";
import type { AuthedContext } from "../../trpc";
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

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };
const audit = (ctx: AuthedContext) => ({ actorId: ctx.actor.userId, ip: ctx.ip });

export async function setSuspendedHandler({ ctx, input }: Args<typeof setSuspendedInput>) {
  await ctx.requireUser("user.account", input.userId);
  await setSuspended(ctx.db, audit(ctx), input.userId, input.suspended);
  return { ok: true as const };
}

export async function unlockHandler({ ctx, input }: Args<typeof unlockInput>) {
  await ctx.requireUser("user.account", input.userId);
  await unlockUser(ctx.db, audit(ctx), input.userId);
  return { ok: true as const };
}

export async function deleteHandler({ ctx, input }: Args<typeof deleteInput>) {
  await ctx.requireUser("user.account", input.userId);
  const { photoPath } = await deleteUser(ctx.db, audit(ctx), input.userId, { typedEmail: input.confirmEmail });
  await removePhotoFile(env().UPLOAD_DIR, photoPath);
  return { ok: true as const };
}

export async function updatePersonalDataHandler({ ctx, input }: Args<typeof personalDataInput>) {
  await ctx.requireUser("user.account", input.userId);
  if (input.managerId === input.userId)
    throw new TRPCError({ code: "BAD_REQUEST", message: "A person cannot be their own manager." });
  // The manager must be someone the admin can see: a manager elsewhere in the tree stays out of reach.
  if (input.managerId) await ctx.requireUser("user.read", input.managerId);
  const { userId, ...data } = input;
  await updatePersonalData(ctx.db, audit(ctx), userId, data);
  return { ok: true as const };
}

export async function createUserHandler({ ctx, input }: Args<typeof createUserInput>) {
  await ctx.requireNode("user.create", input.groupId);
  return createUserInGroup(ctx.db, audit(ctx), input);
}

export async function setPhotoHandler({ ctx, input }: Args<typeof setPhotoInput>) {
  await ctx.requireUser("user.account", input.userId);
  await setUserPhoto(ctx.db, audit(ctx), env().UPLOAD_DIR, input.userId, Buffer.from(input.base64, "base64"));
  return { ok: true as const };
}

export async function removePhotoHandler({ ctx, input }: Args<typeof removePhotoInput>) {
  await ctx.requireUser("user.account", input.userId);
  await removeUserPhoto(ctx.db, audit(ctx), env().UPLOAD_DIR, input.userId);
  return { ok: true as const };
}

export async function endSessionsHandler({ ctx, input }: Args<typeof endSessionsInput>) {
  await ctx.requireUser("user.account", input.userId);
  return endSessionsOf(ctx.db, audit(ctx), input.userId);
}

export async function resetTwoFactorHandler({ ctx, input }: Args<typeof resetTwoFactorInput>) {
  await ctx.requireUser("user.account", input.userId);
  await resetTwoFactorOf(ctx.db, audit(ctx), input.userId);
  return { ok: true as const };
}

export async function photoFileHandler({ ctx, input }: Args<typeof removePhotoInput>) {
  if (input.userId !== ctx.actor.userId) await ctx.requireUser("user.read", input.userId);
  const photo = await readUserPhoto(ctx.db, env().UPLOAD_DIR, input.userId);
  if (!photo) throw new TRPCError({ code: "NOT_FOUND", message: "No photo." });
  return photo;
}
