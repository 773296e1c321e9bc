import type { z } from "zod";
import { bulkOperationLimit, startBulkOperation, userItems } from "../../../bulk/operations";
import type { BulkOperationKind } from "../../../db/schema";
import { DomainError } from "../../../domain-error";
import { notInvitedInScope } from "../../../invitations/invite";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { bulkActionInput } from "./bulk.schema";

const kinds: Record<z.infer<typeof bulkActionInput>["action"], BulkOperationKind> = {
  invite: "invite",
  suspend: "suspend",
  reactivate: "reactivate",
  addToGroup: "add_to_group",
  delete: "delete",
};

/**
 * Starts a bulk action on users: recorded with its items and jobs in one transaction, answered at
 * once. The workers ask the scope resolver about each user as this admin, so one the admin may not
 * touch is reported with the reason and skipped, and the rest go through.
 */
export async function bulkActionHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof bulkActionInput>): Promise<{ operationId: string; alreadyStarted: boolean }> {
  if (input.nodeId) await ctx.require("node.read", input.nodeId);
  if (input.action === "addToGroup" && input.groupId) await ctx.require("group.members", input.groupId);
  const items = input.userIds
    ? await userItems(ctx.db, ctx.actor, input.userIds)
    : (await notInvitedInScope(ctx.db, ctx.actor, input.nodeId, bulkOperationLimit)).map((person, index) => ({
        position: index + 1,
        targetId: person.id,
        label: person.name,
      }));
  if (items.length === 0) throw new DomainError("CONFLICT", "Everyone here has been invited already.");
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: kinds[input.action],
    requestKey: input.requestKey,
    nodeId: input.nodeId ?? null,
    params: input.action === "addToGroup" ? { groupId: input.groupId } : {},
    items,
  });
}
