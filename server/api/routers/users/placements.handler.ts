import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { grantAction } from "../../../scope";
import {
  addToGroup,
  findRoleAssignment,
  grantRole,
  removeFromGroup,
  revokeRole,
  setPermissionGroupMember,
} from "../../../users/placements";
import type { AuthedContext } from "../../trpc";
import type {
  grantRoleInput,
  groupMembershipInput,
  permissionGroupMemberInput,
  revokeRoleInput,
} from "./placements.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };
const audit = (ctx: AuthedContext) => ({ actorId: ctx.actor.userId, ip: ctx.ip });

export async function addToGroupHandler({ ctx, input }: Args<typeof groupMembershipInput>) {
  await ctx.requireUser("user.membership", input.userId);
  await ctx.requireNode("group.members", input.groupId);
  await addToGroup(ctx.db, audit(ctx), input.userId, input.groupId);
  return { ok: true as const };
}

export async function removeFromGroupHandler({ ctx, input }: Args<typeof groupMembershipInput>) {
  await ctx.requireUser("user.membership", input.userId);
  await ctx.requireNode("group.members", input.groupId);
  await removeFromGroup(ctx.db, audit(ctx), input.userId, input.groupId);
  return { ok: true as const };
}

export async function grantRoleHandler({ ctx, input }: Args<typeof grantRoleInput>) {
  await ctx.requireUser("user.membership", input.userId);
  await ctx.requireNode(grantAction(input.role), input.nodeId);
  await grantRole(ctx.db, audit(ctx), input);
  return { ok: true as const };
}

export async function revokeRoleHandler({ ctx, input }: Args<typeof revokeRoleInput>) {
  const assignment = await findRoleAssignment(ctx.db, input.assignmentId);
  // role_assignments' check constraint keeps product_user out; the test narrows the type.
  if (!assignment || assignment.role === "product_user")
    throw new TRPCError({ code: "NOT_FOUND", message: "No such role assignment in your organisation." });
  await ctx.requireUser("user.membership", assignment.userId);
  await ctx.requireNode(grantAction(assignment.role), assignment.nodeId);
  await revokeRole(ctx.db, audit(ctx), assignment.id);
  return { ok: true as const };
}

export async function setPermissionGroupMemberHandler({ ctx, input }: Args<typeof permissionGroupMemberInput>) {
  await ctx.requireUser("permissionGroup.assign", input.userId);
  await setPermissionGroupMember(ctx.db, audit(ctx), input);
  return { ok: true as const };
}
