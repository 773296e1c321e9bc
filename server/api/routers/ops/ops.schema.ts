import { z } from "zod";

/** The scraper's Authorization header, as the route received it. */
export const metricsInput = z.object({ authorization: z.string().max(500).nullable() });
