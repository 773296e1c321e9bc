import { nodesInScope, treeLevel } from "../../../organisation/browse";
import { actionRules } from "../../../scope";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { nodesInScopeInput, treeLevelInput } from "./browse.schema";

export async function treeLevelHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof treeLevelInput>) {
  // Opening a node is asking to read it: outside the scope it does not exist.
  if (input.parentId) await ctx.require("node.read", input.parentId);
  return treeLevel(ctx.db, ctx.actor, input.parentId, { includeArchived: input.includeArchived });
}

// What each picker is for decides the least role the listed nodes need.
const pickerRole = {
  members: "group_admin",
  grantLocal: "customer_admin",
  grantTop: "owner_admin",
  moveTarget: "owner_admin",
  registration: "customer_admin",
} as const;

export function nodesInScopeHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof nodesInScopeInput>) {
  // Passing content on: the least role depends on the kind of node it goes to (content.assign).
  const minRole =
    input.purpose === "distribute" ? actionRules["content.assign"].minRole[input.kind] : pickerRole[input.purpose];
  return nodesInScope(ctx.db, ctx.actor, { kind: input.kind, search: input.search, minRole });
}
