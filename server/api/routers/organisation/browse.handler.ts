import type { z } from "zod";
import { treeLevel } from "../../../organisation/browse";
import type { AuthedContext } from "../../trpc";
import type { treeLevelInput } from "./browse.schema";

export async function treeLevelHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof treeLevelInput> }) {
  // Opening a node is asking to read it: outside the scope it does not exist.
  if (input.parentId) await ctx.requireNode("node.read", input.parentId);
  return treeLevel(ctx.db, ctx.actor, input.parentId, { includeArchived: input.includeArchived });
}
