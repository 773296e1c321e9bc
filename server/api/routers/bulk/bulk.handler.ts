import type { z } from "zod";
import { cancelBulkOperation, listBulkOperations, readBulkOperation } from "../../../bulk/operations";
import type { AuthedContext } from "../../trpc";
import type { bulkListInput, bulkOperationInput } from "./bulk.schema";

type Input<T extends z.ZodType> = { ctx: AuthedContext; input: z.infer<T> };

/** One operation's progress and failures: its starter, or an admin at or above its node. */
export const getHandler = ({ ctx, input }: Input<typeof bulkOperationInput>) =>
  readBulkOperation(ctx.db, ctx.actor, input.operationId);

export const listHandler = ({ ctx, input }: Input<typeof bulkListInput>) =>
  listBulkOperations(ctx.db, ctx.actor, input.kinds);

export async function cancelHandler({ ctx, input }: Input<typeof bulkOperationInput>) {
  await cancelBulkOperation(ctx.db, ctx.actor, ctx.audit, input.operationId);
  return { cancelled: true };
}
