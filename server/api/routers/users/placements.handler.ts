import { TRPCError } from "@trpc/server";
import { grantAction } from "../../../scope";
import {
  addToGroup,
  findRoleAssignment,
  grantRole,
  removeFromGroup,
  revokeRole,
  setPermissionGroupMember,
} from "../../../users/placements";
import { listPermissionGroups } from "../../../permission-groups/permission-groups";
import type { AuthedContext, HandlerOptions, UserContext } from "../../trpc";
import type {
  grantRoleInput,
  groupMembershipInput,
  permissionGroupMemberInput,
  revokeRoleInput,
} from "./placements.schema";

// The person was resolved before these handlers run (userProcedure in index.ts); the group or node
// the placement is at is the second target, asked about here.

export async function addToGroupHandler({ ctx, input }: HandlerOptions<UserContext, typeof groupMembershipInput>) {
  await ctx.requireNode("group.members", input.groupId);
  await addToGroup(ctx.db, ctx.audit, input.userId, input.groupId);
  return { ok: true as const };
}

export async function removeFromGroupHandler({ ctx, input }: HandlerOptions<UserContext, typeof groupMembershipInput>) {
  await ctx.requireNode("group.members", input.groupId);
  await removeFromGroup(ctx.db, ctx.audit, input.userId, input.groupId);
  return { ok: true as const };
}

export async function grantRoleHandler({ ctx, input }: HandlerOptions<UserContext, typeof grantRoleInput>) {
  await ctx.requireNode(grantAction(input.role), input.nodeId);
  await grantRole(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

/** A role assignment names its person and node: both are asked about once it is found. */
export async function revokeRoleHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof revokeRoleInput>) {
  const assignment = await findRoleAssignment(ctx.db, input.assignmentId);
  // role_assignments' check constraint keeps product_user out; the test narrows the type.
  if (!assignment || assignment.role === "product_user")
    throw new TRPCError({ code: "NOT_FOUND", message: "No such role assignment in your organisation." });
  await ctx.requireUser("user.membership", assignment.userId);
  await ctx.requireNode(grantAction(assignment.role), assignment.nodeId);
  await revokeRole(ctx.db, ctx.audit, assignment.id);
  return { ok: true as const };
}

export async function setPermissionGroupMemberHandler({
  ctx,
  input,
}: HandlerOptions<UserContext, typeof permissionGroupMemberInput>) {
  await setPermissionGroupMember(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

export const permissionGroupsHandler = ({ ctx }: { ctx: AuthedContext }) => listPermissionGroups(ctx.db);
