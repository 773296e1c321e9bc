import { z } from "zod";

export const userByIdInput = z.object({ userId: z.uuid() });
