import { createTRPCRouter, internalProcedure } from "../../trpc";
import { metricsHandler, readyHandler } from "./ops.handler";
import { metricsInput } from "./ops.schema";

/** Operations: answered through `/api/ready` and `/api/metrics`, never as API calls. */
export const opsRouter = createTRPCRouter({
  ready: internalProcedure.query(readyHandler),
  metrics: internalProcedure.input(metricsInput).query(metricsHandler),
});
