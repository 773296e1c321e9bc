import { listUsers } from "../../../users/list-users";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { listUsersInput } from "./list.schema";

export async function listUsersHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof listUsersInput>) {
  // Filtering by a node is only allowed for a node the actor may see (NOT_FOUND otherwise).
  if (input.nodeId) await ctx.require("node.read", input.nodeId);
  return listUsers(ctx.db, ctx.actor, input);
}
