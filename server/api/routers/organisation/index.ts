import type { z } from "zod";
import { nodesInScope } from "../../../organisation/browse";
import { createTRPCRouter, scopedProcedure, type AuthedContext } from "../../trpc";
import { treeLevelHandler } from "./browse.handler";
import { treeLevelInput } from "./browse.schema";
import { createNodeHandler, deleteNodeHandler, moveCustomerHandler, nodeByIdHandler, setArchivedHandler, updateNodeHandler } from "./manage.handler";
import { createNodeInput, deleteNodeInput, moveCustomerInput, nodeByIdInput, nodesInScopeInput, setArchivedInput, updateNodeInput } from "./manage.schema";

const pickerRole = { members: "group_admin", grantLocal: "customer_admin", grantTop: "owner_admin", moveTarget: "owner_admin" } as const;

export const organisationRouter = createTRPCRouter({
  treeLevel: scopedProcedure("dashboard.open").input(treeLevelInput).query(treeLevelHandler),
  nodesInScope: scopedProcedure("dashboard.open")
    .input(nodesInScopeInput)
    .query(({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof nodesInScopeInput> }) =>
      nodesInScope(ctx.db, ctx.actor, { kind: input.kind, search: input.search, minRole: pickerRole[input.purpose] }),
    ),
  byId: scopedProcedure("dashboard.open").input(nodeByIdInput).query(nodeByIdHandler),
  create: scopedProcedure("dashboard.open").input(createNodeInput).mutation(createNodeHandler),
  update: scopedProcedure("dashboard.open").input(updateNodeInput).mutation(updateNodeHandler),
  setArchived: scopedProcedure("dashboard.open").input(setArchivedInput).mutation(setArchivedHandler),
  delete: scopedProcedure("dashboard.open").input(deleteNodeInput).mutation(deleteNodeHandler),
  moveCustomer: scopedProcedure("dashboard.open").input(moveCustomerInput).mutation(moveCustomerHandler),
});
