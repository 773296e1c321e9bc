import {
  addToGroup,
  grantRole,
  removeFromGroup,
  revokeRole,
  setPermissionGroupMember,
} from "../../../users/placements";
import { listPermissionGroups } from "../../../permission-groups/permission-groups";
import type { AuthedContext, GrantContext, HandlerOptions, UserContext } from "../../trpc";
import type {
  grantRoleInput,
  groupMembershipInput,
  permissionGroupMemberInput,
  revokeRoleInput,
} from "./placements.schema";

// The person was resolved before these handlers run (targetProcedure in index.ts); the group or node
// the placement is at is the second target, asked about here.

export async function addToGroupHandler({ ctx, input }: HandlerOptions<UserContext, typeof groupMembershipInput>) {
  await ctx.require("group.members", input.groupId);
  await addToGroup(ctx.db, ctx.audit, input.userId, input.groupId);
  return { ok: true as const };
}

export async function removeFromGroupHandler({ ctx, input }: HandlerOptions<UserContext, typeof groupMembershipInput>) {
  await ctx.require("group.members", input.groupId);
  await removeFromGroup(ctx.db, ctx.audit, input.userId, input.groupId);
  return { ok: true as const };
}

export async function grantRoleHandler({ ctx, input }: HandlerOptions<UserContext, typeof grantRoleInput>) {
  await ctx.requireRoleAt(input.role, input.nodeId);
  await grantRole(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

/** The role was found and asked about (the person and the node) before this runs: its procedure kind. */
export async function revokeRoleHandler({ ctx }: HandlerOptions<GrantContext, typeof revokeRoleInput>) {
  await revokeRole(ctx.db, ctx.audit, ctx.target.assignmentId);
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
