import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { getUserRecord } from "../../../users/get-user";
import type { AuthedContext } from "../../trpc";
import type { userByIdInput } from "./by-id.schema";

export async function userByIdHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof userByIdInput> }) {
  await ctx.requireUser("user.read", input.userId);
  const user = await getUserRecord(ctx.db, input.userId);
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "No such user in your organisation." });
  return user;
}
