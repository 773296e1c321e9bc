import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { listAuditHandler } from "./list.handler";
import { listAuditInput } from "./list.schema";
import { verifyHandler } from "./verify.handler";

export const auditRouter = createTRPCRouter({
  list: scopedProcedure("audit.read").input(listAuditInput).query(listAuditHandler),
  verify: scopedProcedure("audit.verify").mutation(verifyHandler),
});
