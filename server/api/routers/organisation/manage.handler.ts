import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { createNode, deleteNode, moveCustomer, setArchived, updateNode } from "../../../organisation/manage-nodes";
import { getNodeDetail } from "../../../organisation/node-detail";
import type { AuthedContext } from "../../trpc";
import type {
  createNodeInput,
  deleteNodeInput,
  moveCustomerInput,
  nodeByIdInput,
  setArchivedInput,
  updateNodeInput,
} from "./manage.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };
const audit = (ctx: AuthedContext) => ({ actorId: ctx.actor.userId, ip: ctx.ip });

export async function nodeByIdHandler({ ctx, input }: Args<typeof nodeByIdInput>) {
  const target = await ctx.requireNode("node.read", input.nodeId);
  const detail = await getNodeDetail(ctx.db, ctx.actor, target);
  if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such organisation in your scope." });
  return detail;
}

export async function createNodeHandler({ ctx, input }: Args<typeof createNodeInput>) {
  await ctx.requireNode("node.create", input.parentId, input.kind);
  return createNode(ctx.db, audit(ctx), input);
}

export async function updateNodeHandler({ ctx, input }: Args<typeof updateNodeInput>) {
  await ctx.requireNode("node.edit", input.nodeId);
  const { nodeId, ...profile } = input;
  await updateNode(ctx.db, audit(ctx), nodeId, profile);
  return { ok: true as const };
}

export async function setArchivedHandler({ ctx, input }: Args<typeof setArchivedInput>) {
  await ctx.requireNode("node.remove", input.nodeId);
  await setArchived(ctx.db, audit(ctx), input.nodeId, input.archived);
  return { ok: true as const };
}

export async function deleteNodeHandler({ ctx, input }: Args<typeof deleteNodeInput>) {
  await ctx.requireNode("node.remove", input.nodeId);
  await deleteNode(ctx.db, audit(ctx), input.nodeId, input.confirmName);
  return { ok: true as const };
}

export async function moveCustomerHandler({ ctx, input }: Args<typeof moveCustomerInput>) {
  await ctx.requireNode("customer.move", input.nodeId);
  await ctx.requireNode("node.read", input.newParentId);
  await moveCustomer(ctx.db, audit(ctx), input.nodeId, input.newParentId);
  return { ok: true as const };
}
