import { and } from "drizzle-orm";
import type { z } from "zod";
import { env } from "../../../env";
import { onboardingFunnel } from "../../../invitations/funnel";
import { invitationOverview, inviteUser, notInvitedPeople } from "../../../invitations/invite";
import { visibleUsersFilter } from "../../../scope";
import { underNode } from "../../../users/list-users";
import type { AuthedContext, UserContext } from "../../trpc";
import type { invitationInput, notInvitedInput } from "./invitations.schema";

const notInvitedLimit = 10_000;

const links = () => ({ appUrl: env().APP_URL, secret: env().AUTH_SECRET });

/** The invitation history and the current link: only for admins who may manage the user (the link opens the account). */
export async function invitationHandler({ ctx, input }: { ctx: UserContext; input: z.infer<typeof invitationInput> }) {
  return invitationOverview(ctx.db, links(), input.userId);
}

export async function inviteHandler({ ctx, input }: { ctx: UserContext; input: z.infer<typeof invitationInput> }) {
  const { invitationId } = await inviteUser(ctx.db, ctx.audit, links(), input.userId);
  return { invitationId };
}

/** How many "invite everyone not yet invited" would reach (one operation takes the first 10,000). */
export async function notInvitedHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof notInvitedInput>;
}) {
  if (input.nodeId) await ctx.requireNode("node.read", input.nodeId);
  const scope = and(visibleUsersFilter(ctx.actor), input.nodeId ? underNode(input.nodeId) : undefined)!;
  const ids = await notInvitedPeople(ctx.db, scope, notInvitedLimit + 1);
  return { count: Math.min(ids.length, notInvitedLimit), more: ids.length > notInvitedLimit };
}

/** How far the people in the actor's scope are along: not invited, invited, active. */
export const funnelHandler = ({ ctx }: { ctx: AuthedContext }) => onboardingFunnel(ctx.db, ctx.actor);
