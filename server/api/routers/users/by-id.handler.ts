import { TRPCError } from "@trpc/server";
import { getSettings } from "../../../settings/get-settings";
import { getUserDetail, offersOnUser } from "../../../users/user-detail";
import type { HandlerOptions, UserContext } from "../../trpc";
import type { userByIdInput } from "./by-id.schema";

export async function userByIdHandler({ ctx }: HandlerOptions<UserContext, typeof userByIdInput>) {
  const { target, decision } = ctx;
  const detail = await getUserDetail(ctx.db, ctx.actor, target, decision);
  if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such user in your organisation." });
  const { supportIssuesEnabled } = await getSettings(ctx.db);
  return { ...detail, ...offersOnUser(ctx.actor, target, { supportIssuesEnabled }) };
}
