import { nodesInScope, treeLevel } from "../../../organisation/browse";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { nodesInScopeInput, treeLevelInput } from "./browse.schema";

export async function treeLevelHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof treeLevelInput>) {
  // Opening a node is asking to read it: outside the scope it does not exist.
  if (input.parentId) await ctx.require("node.read", input.parentId);
  return treeLevel(ctx.db, ctx.actor, input.parentId, { includeArchived: input.includeArchived });
}

export const nodesInScopeHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof nodesInScopeInput>) =>
  nodesInScope(ctx.db, ctx.actor, input);
