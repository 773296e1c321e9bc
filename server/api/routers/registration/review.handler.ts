import { TRPCError } from "@trpc/server";
import { inArray } from "drizzle-orm";
import type { z } from "zod";
import { startBulkOperation, type BulkItemInput } from "../../../bulk/operations";
import { registrationRequests } from "../../../db/schema";
import { countRequests, listRequests, pendingRequestIds, requestTargets } from "../../../registration/review-requests";
import { can } from "../../../scope";
import type { AuthedContext } from "../../trpc";
import {
  selectAllLimit,
  type acceptRequestsInput,
  type listRequestsInput,
  type rejectRequestsInput,
} from "./review.schema";

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
 * The selected requests as items of a bulk operation: named where the actor may decide them, a
 * neutral phrase otherwise (the worker then reports them as not found).
 */
async function requestItems(ctx: AuthedContext, requestIds: readonly string[]): Promise<BulkItemInput[]> {
  const targets = await requestTargets(ctx.db, requestIds);
  const names = new Map(
    (
      await ctx.db
        .select({
          id: registrationRequests.id,
          firstName: registrationRequests.firstName,
          lastName: registrationRequests.lastName,
        })
        .from(registrationRequests)
        .where(inArray(registrationRequests.id, [...requestIds]))
    ).map((r) => [r.id, `${r.firstName} ${r.lastName}`]),
  );
  return requestIds.map((id, index) => {
    const found = targets.get(id);
    const decidable = found !== undefined && can(ctx.actor, "registration.review", found.target).allowed;
    return {
      position: index + 1,
      targetId: id,
      label: decidable ? (names.get(id) ?? "A request") : "A request outside your scope",
    };
  });
}

/**
 * Starts accepting the selected requests (a bulk operation the workers do, each request in its own
 * transaction): into the chosen group, which must be in the actor's scope, or each into the group
 * suggested for its facility.
 */
export async function acceptRequestsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof acceptRequestsInput>;
}) {
  const chosenGroup = input.groupId ? await ctx.requireNode("registration.review", input.groupId) : null;
  if (chosenGroup && chosenGroup.kind !== "group")
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a user group to place the people in." });
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "accept_registrations",
    requestKey: input.requestKey,
    nodeId: null,
    params: { groupId: input.groupId },
    items: await requestItems(ctx, input.requestIds),
  });
}

/** Starts rejecting the selected requests, with the reason and, when asked, an email to each. */
export async function rejectRequestsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof rejectRequestsInput>;
}) {
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "reject_registrations",
    requestKey: input.requestKey,
    nodeId: null,
    params: { reason: input.reason, notify: input.notify },
    items: await requestItems(ctx, input.requestIds),
  });
}
