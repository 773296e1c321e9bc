import { onboardingFunnel } from "../../../invitations/funnel";
import { invitationOverview, inviteUser, notInvitedInScope } from "../../../invitations/invite";
import type { AuthedContext, HandlerOptions, UserContext } from "../../trpc";
import type { invitationInput, notInvitedInput } from "./invitations.schema";

const notInvitedLimit = 10_000;

const links = (ctx: AuthedContext) => ({ appUrl: ctx.config.appUrl, secret: ctx.config.authSecret });

/** The invitation history and the current link: only for admins who may manage the user (the link opens the account). */
export async function invitationHandler({ ctx, input }: HandlerOptions<UserContext, typeof invitationInput>) {
  return invitationOverview(ctx.db, links(ctx), input.userId);
}

export async function inviteHandler({ ctx, input }: HandlerOptions<UserContext, typeof invitationInput>) {
  const { invitationId } = await inviteUser(ctx.db, ctx.audit, links(ctx), input.userId);
  return { invitationId };
}

/** How many "invite everyone not yet invited" would reach (one operation takes the first 10,000). */
export async function notInvitedHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof notInvitedInput>) {
  if (input.nodeId) await ctx.require("node.read", input.nodeId);
  const ids = await notInvitedInScope(ctx.db, ctx.actor, input.nodeId, notInvitedLimit + 1);
  return { count: Math.min(ids.length, notInvitedLimit), more: ids.length > notInvitedLimit };
}

/** How far the people in the actor's scope are along: not invited, invited, active. */
export const funnelHandler = ({ ctx }: { ctx: AuthedContext }) => onboardingFunnel(ctx.db, ctx.actor);
