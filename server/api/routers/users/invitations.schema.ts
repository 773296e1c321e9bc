import { z } from "zod";

export const invitationInput = z.object({ userId: z.uuid() });
export const notInvitedInput = z.object({ nodeId: z.uuid().optional() });
