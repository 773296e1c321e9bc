import { cancelBulkOperation, listBulkOperations, readBulkOperation } from "../../../bulk/operations";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { bulkListInput, bulkOperationInput } from "./bulk.schema";

/** One operation's progress and failures: its starter, or an admin at or above its node. */
export const getHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof bulkOperationInput>) =>
  readBulkOperation(ctx.db, ctx.actor, input.operationId);

export const listHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof bulkListInput>) =>
  listBulkOperations(ctx.db, ctx.actor, input.kinds);

export async function cancelHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof bulkOperationInput>) {
  await cancelBulkOperation(ctx.db, ctx.actor, ctx.audit, input.operationId);
  return { cancelled: true };
}
