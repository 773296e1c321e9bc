import { createTRPCRouter, internalProcedure } from "../../trpc";
import { readyHandler } from "./ops.handler";

/** Operations: answered through `/api/ready` for load balancers and monitors, never as API calls. */
export const opsRouter = createTRPCRouter({
  ready: internalProcedure.query(readyHandler),
});
