import { z } from "zod";

export const groupsInput = z.object({ search: z.string().trim().max(100).optional() });
export const treeLevelInput = z.object({ parentId: z.uuid().nullable().default(null) });
