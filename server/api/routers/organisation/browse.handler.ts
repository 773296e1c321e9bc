import type { z } from "zod";
import { groupsInScope, treeLevel } from "../../../organisation/browse";
import type { AuthedContext } from "../../trpc";
import type { groupsInput, treeLevelInput } from "./browse.schema";

export function groupsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof groupsInput> }) {
  return groupsInScope(ctx.db, ctx.actor, input.search);
}

export async function treeLevelHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof treeLevelInput> }) {
  // Opening a node is asking to read it: outside the scope it does not exist.
  if (input.parentId) await ctx.requireNode("node.read", input.parentId);
  return treeLevel(ctx.db, ctx.actor, input.parentId);
}
