import { TRPCError } from "@trpc/server";
import { can, grantableRoles, refusalSentence } from "../../../scope";
import { getSettings } from "../../../settings/get-settings";
import { getUserDetail } from "../../../users/user-detail";
import type { HandlerOptions, UserContext } from "../../trpc";
import type { userByIdInput } from "./by-id.schema";

export async function userByIdHandler({ ctx }: HandlerOptions<UserContext, typeof userByIdInput>) {
  const { target, decision } = ctx;
  const detail = await getUserDetail(ctx.db, ctx.actor, target, decision);
  if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such user in your organisation." });
  const account = can(ctx.actor, "user.account", target);
  return {
    ...detail,
    // What the page offers; each action is still decided by the resolver when it is sent.
    // Why the account's own actions are not offered, in words (null when they are).
    accountRefusal: account.allowed ? null : refusalSentence(account.reason),
    may: {
      account: account.allowed,
      membership: can(ctx.actor, "user.membership", target).allowed,
      grantRoles: grantableRoles(ctx.actor),
      // Nobody changes their own permission groups (server/users/placements.ts).
      assignPermissionGroups:
        can(ctx.actor, "permissionGroup.assign", target).allowed && target.userId !== ctx.actor.userId,
      exportData: can(ctx.actor, "user.exportData", target).allowed,
      // The support profile (handling units, issue types, accounts), while support issues are on.
      supportStaff: (await getSettings(ctx.db)).supportIssuesEnabled && can(ctx.actor, "support.staff", target).allowed,
    },
  };
}
