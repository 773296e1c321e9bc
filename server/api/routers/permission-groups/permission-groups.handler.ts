import {
  createPermissionGroup,
  deletePermissionGroup,
  listPermissionGroups,
  permissionGroupDetail,
  permissionLabels,
  updatePermissionGroup,
} from "../../../permission-groups/permission-groups";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type {
  createPermissionGroupInput,
  deletePermissionGroupInput,
  permissionGroupIdInput,
  updatePermissionGroupInput,
} from "./permission-groups.schema";

export const listHandler = ({ ctx }: { ctx: AuthedContext }) => listPermissionGroups(ctx.db);

/** The permissions a group can hold, with what each lets its holders do. */
export const catalogueHandler = () =>
  Object.entries(permissionLabels).map(([key, text]) => ({ key: key as keyof typeof permissionLabels, ...text }));

export const byIdHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof permissionGroupIdInput>) =>
  permissionGroupDetail(ctx.db, input.permissionGroupId);

export const createHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof createPermissionGroupInput>) =>
  createPermissionGroup(ctx.db, ctx.audit, input);

export async function updateHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof updatePermissionGroupInput>) {
  await updatePermissionGroup(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

export const deleteHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof deletePermissionGroupInput>) =>
  deletePermissionGroup(ctx.db, ctx.audit, input);
