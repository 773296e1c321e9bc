import { z } from "zod";
import { roleName } from "../../../db/schema";
import { statusFilters, userSorts } from "../../../users/list-users";

export const listUsersInput = z.object({
  sort: z.enum(userSorts).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  pageSize: z.number().int().min(1).max(100).default(25),
  cursor: z.array(z.string().max(400)).min(1).max(3).optional(),
  direction: z.enum(["next", "prev"]).default("next"),
  search: z.string().trim().max(200).optional(),
  status: z.enum(statusFilters).optional(),
  role: z.enum(roleName.enumValues).optional(),
  nodeId: z.uuid().optional(),
});
