import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { getUserDetail } from "../../../users/user-detail";
import type { AuthedContext } from "../../trpc";
import type { userByIdInput } from "./by-id.schema";

export async function userByIdHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof userByIdInput> }) {
  const { target, decision } = await ctx.requireUser("user.read", input.userId);
  const detail = await getUserDetail(ctx.db, target, decision);
  if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such user in your organisation." });
  return detail;
}
