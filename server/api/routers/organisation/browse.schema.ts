import { z } from "zod";

export const treeLevelInput = z.object({ parentId: z.uuid().nullable().default(null), includeArchived: z.boolean().default(false) });
