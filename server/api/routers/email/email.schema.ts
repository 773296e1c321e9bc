import { z } from "zod";

const header = z.string().max(1000);
export const deliveryWebhookInput = z.object({
  id: header,
  timestamp: header,
  signature: header,
  payload: z.string().max(256 * 1024),
});
