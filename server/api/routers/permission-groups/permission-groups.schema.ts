import { z } from "zod";

export {
  createPermissionGroupInput,
  deletePermissionGroupInput,
  updatePermissionGroupInput,
} from "../../../permission-groups/permission-groups";

export const permissionGroupIdInput = z.object({ permissionGroupId: z.uuid() });
