import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { DomainError } from "../../../domain-error";
import { env } from "../../../env";
import { acceptRegistrationRequest, rejectRegistrationRequest } from "../../../registration/decide-requests";
import { countRequests, listRequests, pendingRequestIds, requestTargets } from "../../../registration/review-requests";
import { can, type NodeTarget } from "../../../scope";
import type { AuthedContext } from "../../trpc";
import {
  selectAllLimit,
  type acceptRequestsInput,
  type listRequestsInput,
  type rejectRequestsInput,
} from "./review.schema";

export interface DecisionOutcome {
  requestId: string;
  ok: boolean;
  message: string | null;
}

const notFound = "No such registration request in your scope.";

export function listRequestsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listRequestsInput> }) {
  return listRequests(ctx.db, ctx.actor, input);
}

export function countRequestsHandler({ ctx }: { ctx: AuthedContext }) {
  return countRequests(ctx.db, ctx.actor);
}

export function pendingIdsHandler({ ctx }: { ctx: AuthedContext }) {
  return pendingRequestIds(ctx.db, ctx.actor, selectAllLimit);
}

/**
 * Asks the scope resolver about each request's facility: a request the actor may not decide is
 * reported as not found and skipped, the rest go on. Returns the decidable ones with their targets.
 */
async function decidable(ctx: AuthedContext, requestIds: readonly string[], outcomes: DecisionOutcome[]) {
  const targets = await requestTargets(ctx.db, requestIds);
  const allowed = new Map<string, { suggestedGroup: NodeTarget | null }>();
  for (const requestId of requestIds) {
    const found = targets.get(requestId);
    if (found && can(ctx.actor, "registration.review", found.target).allowed) allowed.set(requestId, found);
    else outcomes.push({ requestId, ok: false, message: notFound });
  }
  return allowed;
}

/**
 * Each decision is a transaction of its own; this many run at once, so a chunk's commits overlap
 * instead of queueing behind each other (acceptances of one address take turns, see
 * lockRequestsOfAddress). Outcomes keep the order of the ids.
 */
const decisionLanes = 4;

async function decideEach(
  requestIds: readonly string[],
  decide: (requestId: string) => Promise<DecisionOutcome>,
): Promise<DecisionOutcome[]> {
  const outcomes = new Array<DecisionOutcome>(requestIds.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: decisionLanes }, async () => {
      while (next < requestIds.length) {
        const index = next++;
        outcomes[index] = await decide(requestIds[index]!);
      }
    }),
  );
  return outcomes;
}

/** Records a refusal as the request's outcome; anything else is a fault and propagates. */
function refusal(requestId: string, error: unknown): DecisionOutcome {
  if (!(error instanceof TRPCError || error instanceof DomainError)) throw error;
  return { requestId, ok: false, message: error.message };
}

/**
 * Accepts each selected request, each in its own transaction (see decideEach): into the chosen
 * group (which must be in the actor's scope), or into the group suggested for its facility.
 */
export async function acceptRequestsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof acceptRequestsInput>;
}): Promise<{ outcomes: DecisionOutcome[] }> {
  const chosenGroup = input.groupId ? await ctx.requireNode("registration.review", input.groupId) : null;
  if (chosenGroup && chosenGroup.kind !== "group")
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a user group to place the people in." });
  const outcomes: DecisionOutcome[] = [];
  const audit = ctx.audit;
  const links = { appUrl: env().APP_URL, secret: env().AUTH_SECRET };
  const allowed = await decidable(ctx, input.requestIds, outcomes);
  const decided = await decideEach([...allowed.keys()], async (requestId) => {
    const group = chosenGroup ?? allowed.get(requestId)!.suggestedGroup;
    if (!group || !can(ctx.actor, "registration.review", group).allowed) {
      return {
        requestId,
        ok: false,
        message: "This request's facility has no default group: choose the group to place the person in.",
      };
    }
    try {
      await acceptRegistrationRequest(ctx.db, audit, links, { requestId, groupId: group.nodeId });
      return { requestId, ok: true, message: null };
    } catch (error) {
      return refusal(requestId, error);
    }
  });
  outcomes.push(...decided);
  return { outcomes };
}

export async function rejectRequestsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof rejectRequestsInput>;
}): Promise<{ outcomes: DecisionOutcome[] }> {
  const outcomes: DecisionOutcome[] = [];
  const audit = ctx.audit;
  const allowed = await decidable(ctx, input.requestIds, outcomes);
  const decided = await decideEach([...allowed.keys()], async (requestId) => {
    try {
      await rejectRegistrationRequest(ctx.db, audit, { requestId, reason: input.reason, notify: input.notify });
      return { requestId, ok: true, message: null };
    } catch (error) {
      return refusal(requestId, error);
    }
  });
  outcomes.push(...decided);
  return { outcomes };
}
