import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { cancelHandler, getHandler, listHandler } from "./bulk.handler";
import { bulkListInput, bulkOperationInput } from "./bulk.schema";

/**
 * Bulk operations the workers are doing or did: progress, outcomes, cancel. Each is started by its
 * domain's procedure (users.bulk, users.import, registration.accept and reject).
 */
export const bulkRouter = createTRPCRouter({
  get: scopedProcedure("users.bulk").input(bulkOperationInput).query(getHandler),
  list: scopedProcedure("users.bulk").input(bulkListInput).query(listHandler),
  cancel: scopedProcedure("users.bulk").input(bulkOperationInput).mutation(cancelHandler),
});
