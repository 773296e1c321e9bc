import type { z } from "zod";
import { createUserInGroup } from "../../../users/create-user";
import { deleteUser, setSuspended, unlockUser, updatePersonalData } from "../../../users/manage-user";
import type { AuthedContext } from "../../trpc";
import type { createUserInput, deleteInput, personalDataInput, setSuspendedInput, unlockInput } from "./manage.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };
const audit = (ctx: AuthedContext) => ({ actorId: ctx.actor.userId, ip: ctx.ip });

export async function setSuspendedHandler({ ctx, input }: Args<typeof setSuspendedInput>) {
  await ctx.requireUser("user.manage", input.userId);
  await setSuspended(ctx.db, audit(ctx), input.userId, input.suspended);
  return { ok: true as const };
}

export async function unlockHandler({ ctx, input }: Args<typeof unlockInput>) {
  await ctx.requireUser("user.manage", input.userId);
  await unlockUser(ctx.db, audit(ctx), input.userId);
  return { ok: true as const };
}

export async function deleteHandler({ ctx, input }: Args<typeof deleteInput>) {
  await ctx.requireUser("user.manage", input.userId);
  await deleteUser(ctx.db, audit(ctx), input.userId, { typedEmail: input.confirmEmail });
  return { ok: true as const };
}

export async function updatePersonalDataHandler({ ctx, input }: Args<typeof personalDataInput>) {
  await ctx.requireUser("user.manage", input.userId);
  const { userId, ...data } = input;
  await updatePersonalData(ctx.db, audit(ctx), userId, data);
  return { ok: true as const };
}

export async function createUserHandler({ ctx, input }: Args<typeof createUserInput>) {
  await ctx.requireNode("user.create", input.groupId);
  return createUserInGroup(ctx.db, audit(ctx), input);
}
