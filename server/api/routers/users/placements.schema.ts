import { z } from "zod";

const userId = z.uuid();
export const groupMembershipInput = z.object({ userId, groupId: z.uuid({ error: "Choose a user group." }) });
/** An admin role and the node it is held at. */
export const roleAtNodeInput = z.object({
  role: z.enum(["group_admin", "customer_admin", "market_admin", "owner_admin"]),
  nodeId: z.uuid({ error: "Choose where the role is held." }),
});
export const grantRoleInput = roleAtNodeInput.extend({ userId });
export const revokeRoleInput = z.object({ assignmentId: z.uuid() });
export const permissionGroupMemberInput = z.object({ userId, permissionGroupId: z.uuid(), member: z.boolean() });
