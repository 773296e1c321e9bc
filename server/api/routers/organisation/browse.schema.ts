import { z } from "zod";

export const treeLevelInput = z.object({
  parentId: z.uuid().nullable().default(null),
  includeArchived: z.boolean().default(false),
});
export const nodesInScopeInput = z.object({
  kind: z.enum(["market", "customer", "internal", "group"]),
  search: z.string().trim().max(100).optional(),
  // Only nodes where the actor may do this: adding members to a group, granting a role there.
  purpose: z.enum(["members", "grantLocal", "grantTop", "moveTarget", "registration", "distribute"]).default("members"),
});
