import type { z } from "zod";
import {
  createPermissionGroup,
  deletePermissionGroup,
  listPermissionGroups,
  permissionGroupDetail,
  permissionLabels,
  updatePermissionGroup,
} from "../../../permission-groups/permission-groups";
import type { AuthedContext } from "../../trpc";
import type {
  createPermissionGroupInput,
  deletePermissionGroupInput,
  permissionGroupIdInput,
  updatePermissionGroupInput,
} from "./permission-groups.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };

export const listHandler = ({ ctx }: { ctx: AuthedContext }) => listPermissionGroups(ctx.db);

/** The permissions a group can hold, with what each lets its holders do. */
export const catalogueHandler = () =>
  Object.entries(permissionLabels).map(([key, text]) => ({ key: key as keyof typeof permissionLabels, ...text }));

export const byIdHandler = ({ ctx, input }: Args<typeof permissionGroupIdInput>) =>
  permissionGroupDetail(ctx.db, input.permissionGroupId);

export const createHandler = ({ ctx, input }: Args<typeof createPermissionGroupInput>) =>
  createPermissionGroup(ctx.db, ctx.audit, input);

export async function updateHandler({ ctx, input }: Args<typeof updatePermissionGroupInput>) {
  await updatePermissionGroup(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

export const deleteHandler = ({ ctx, input }: Args<typeof deletePermissionGroupInput>) =>
  deletePermissionGroup(ctx.db, ctx.audit, input);
