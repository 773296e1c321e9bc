import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { nodesInScopeHandler, treeLevelHandler } from "./browse.handler";
import { nodesInScopeInput, treeLevelInput } from "./browse.schema";
import {
  createNodeHandler,
  deleteNodeHandler,
  moveCustomerHandler,
  nodeByIdHandler,
  setArchivedHandler,
  updateNodeHandler,
} from "./manage.handler";
import {
  createNodeInput,
  deleteNodeInput,
  moveCustomerInput,
  nodeByIdInput,
  setArchivedInput,
  updateNodeInput,
} from "./manage.schema";

export const organisationRouter = createTRPCRouter({
  treeLevel: scopedProcedure("dashboard.open").input(treeLevelInput).query(treeLevelHandler),
  nodesInScope: scopedProcedure("dashboard.open").input(nodesInScopeInput).query(nodesInScopeHandler),
  byId: scopedProcedure("dashboard.open").input(nodeByIdInput).query(nodeByIdHandler),
  create: scopedProcedure("dashboard.open").input(createNodeInput).mutation(createNodeHandler),
  update: scopedProcedure("dashboard.open").input(updateNodeInput).mutation(updateNodeHandler),
  setArchived: scopedProcedure("dashboard.open").input(setArchivedInput).mutation(setArchivedHandler),
  delete: scopedProcedure("dashboard.open").input(deleteNodeInput).mutation(deleteNodeHandler),
  moveCustomer: scopedProcedure("dashboard.open").input(moveCustomerInput).mutation(moveCustomerHandler),
});
