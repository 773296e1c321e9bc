import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { groupsHandler, treeLevelHandler } from "./browse.handler";
import { groupsInput, treeLevelInput } from "./browse.schema";

export const organisationRouter = createTRPCRouter({
  groups: scopedProcedure("dashboard.open").input(groupsInput).query(groupsHandler),
  treeLevel: scopedProcedure("dashboard.open").input(treeLevelInput).query(treeLevelHandler),
});
