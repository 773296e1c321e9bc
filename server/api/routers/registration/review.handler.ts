import { TRPCError } from "@trpc/server";
import { startBulkOperation } from "../../../bulk/operations";
import { countRequests, listRequests, pendingRequestIds, requestItems } from "../../../registration/review-requests";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import {
  selectAllLimit,
  type acceptRequestsInput,
  type listRequestsInput,
  type rejectRequestsInput,
} from "./review.schema";

export function listRequestsHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof listRequestsInput>) {
  return listRequests(ctx.db, ctx.actor, input);
}

export function countRequestsHandler({ ctx }: { ctx: AuthedContext }) {
  return countRequests(ctx.db, ctx.actor);
}

export function pendingIdsHandler({ ctx }: { ctx: AuthedContext }) {
  return pendingRequestIds(ctx.db, ctx.actor, selectAllLimit);
}

/**
 * Starts accepting the selected requests (a bulk operation the workers do, each request in its own
 * transaction): into the chosen group, which must be in the actor's scope, or each into the group
 * suggested for its facility.
 */
export async function acceptRequestsHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof acceptRequestsInput>) {
  const chosenGroup = input.groupId ? await ctx.require("registration.review", input.groupId) : null;
  if (chosenGroup && chosenGroup.target.kind !== "group")
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a user group to place the people in." });
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "accept_registrations",
    requestKey: input.requestKey,
    nodeId: null,
    params: { groupId: input.groupId },
    items: await requestItems(ctx.db, ctx.actor, input.requestIds),
  });
}

/** Starts rejecting the selected requests, with the reason and, when asked, an email to each. */
export async function rejectRequestsHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof rejectRequestsInput>) {
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "reject_registrations",
    requestKey: input.requestKey,
    nodeId: null,
    params: { reason: input.reason, notify: input.notify },
    items: await requestItems(ctx.db, ctx.actor, input.requestIds),
  });
}
