import { createTRPCRouter, scopedProcedure } from "../../trpc";
import {
  byIdHandler,
  catalogueHandler,
  createHandler,
  deleteHandler,
  listHandler,
  updateHandler,
} from "./permission-groups.handler";
import {
  createPermissionGroupInput,
  deletePermissionGroupInput,
  permissionGroupIdInput,
  updatePermissionGroupInput,
} from "./permission-groups.schema";

/** System › Permission groups: owner admins define the groups; members are set on a person's page or here. */
export const permissionGroupsRouter = createTRPCRouter({
  list: scopedProcedure("permissionGroup.manage").query(listHandler),
  catalogue: scopedProcedure("permissionGroup.manage").query(catalogueHandler),
  byId: scopedProcedure("permissionGroup.manage").input(permissionGroupIdInput).query(byIdHandler),
  create: scopedProcedure("permissionGroup.manage").input(createPermissionGroupInput).mutation(createHandler),
  update: scopedProcedure("permissionGroup.manage").input(updatePermissionGroupInput).mutation(updateHandler),
  delete: scopedProcedure("permissionGroup.manage").input(deletePermissionGroupInput).mutation(deleteHandler),
});
