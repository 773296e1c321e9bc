import { z } from "zod";

export const courseProgressInput = z.object({ itemId: z.uuid({ error: "Choose a course." }) });
