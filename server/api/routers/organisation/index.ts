import { createTRPCRouter, scopedProcedure, targetProcedure } from "../../trpc";
import { nodesInScopeHandler, treeLevelHandler } from "./browse.handler";
import { nodesInScopeInput, treeLevelInput } from "./browse.schema";
import { organisationImportCheckHandler, organisationImportHandler } from "./import.handler";
import { organisationImportCheckInput, organisationImportInput } from "./import.schema";
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
  // Each of these asks the scope resolver about its node before the handler runs.
  byId: targetProcedure("node.read", nodeByIdInput).query(nodeByIdHandler),
  create: targetProcedure("node.create", createNodeInput, { field: "parentId", childKind: "kind" }).mutation(
    createNodeHandler,
  ),
  update: targetProcedure("node.edit", updateNodeInput).mutation(updateNodeHandler),
  setArchived: targetProcedure("node.remove", setArchivedInput).mutation(setArchivedHandler),
  delete: targetProcedure("node.remove", deleteNodeInput).mutation(deleteNodeHandler),
  moveCustomer: targetProcedure("customer.move", moveCustomerInput).mutation(moveCustomerHandler),
  // A file of lines: each is asked about as the creation or edit it is (node.create, node.edit).
  importCheck: scopedProcedure("organisation.import")
    .input(organisationImportCheckInput)
    .mutation(organisationImportCheckHandler),
  import: scopedProcedure("organisation.import").input(organisationImportInput).mutation(organisationImportHandler),
});
