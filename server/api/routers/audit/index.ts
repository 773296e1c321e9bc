import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { listAuditHandler } from "./list.handler";
import { listAuditInput } from "./list.schema";

export const auditRouter = createTRPCRouter({
  list: scopedProcedure("audit.read").input(listAuditInput).query(listAuditHandler),
});
