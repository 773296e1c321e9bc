import { TRPCError } from "@trpc/server";
import { createNode, deleteNode, moveCustomer, setArchived, updateNode } from "../../../organisation/manage-nodes";
import { getNodeDetail } from "../../../organisation/node-detail";
import type { HandlerOptions, NodeContext } from "../../trpc";
import type {
  createNodeInput,
  deleteNodeInput,
  moveCustomerInput,
  nodeByIdInput,
  setArchivedInput,
  updateNodeInput,
} from "./manage.schema";

// Each procedure's node was resolved before its handler runs (targetProcedure in index.ts).

export async function nodeByIdHandler({ ctx }: HandlerOptions<NodeContext, typeof nodeByIdInput>) {
  const detail = await getNodeDetail(ctx.db, ctx.actor, ctx.target);
  if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such organisation in your scope." });
  return detail;
}

export const createNodeHandler = ({ ctx, input }: HandlerOptions<NodeContext, typeof createNodeInput>) =>
  createNode(ctx.db, ctx.audit, input);

export async function updateNodeHandler({ ctx, input }: HandlerOptions<NodeContext, typeof updateNodeInput>) {
  const { nodeId, ...profile } = input;
  await updateNode(ctx.db, ctx.audit, nodeId, profile);
  return { ok: true as const };
}

export async function setArchivedHandler({ ctx, input }: HandlerOptions<NodeContext, typeof setArchivedInput>) {
  await setArchived(ctx.db, ctx.audit, input.nodeId, input.archived);
  return { ok: true as const };
}

export async function deleteNodeHandler({ ctx, input }: HandlerOptions<NodeContext, typeof deleteNodeInput>) {
  await deleteNode(ctx.db, ctx.audit, input.nodeId, input.confirmName);
  return { ok: true as const };
}

export async function moveCustomerHandler({ ctx, input }: HandlerOptions<NodeContext, typeof moveCustomerInput>) {
  // The customer was resolved for customer.move; the market it goes to must be one the actor sees.
  await ctx.require("node.read", input.newParentId);
  await moveCustomer(ctx.db, ctx.audit, input.nodeId, input.newParentId);
  return { ok: true as const };
}
