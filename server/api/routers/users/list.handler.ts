import type { z } from "zod";
import { listUsers } from "../../../users/list-users";
import type { AuthedContext } from "../../trpc";
import type { listUsersInput } from "./list.schema";

export function listUsersHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listUsersInput> }) {
  return listUsers(ctx.db, ctx.actor, input);
}
