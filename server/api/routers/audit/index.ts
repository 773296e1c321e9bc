import { createTRPCRouter, scopedProcedure } from "../../trpc";
import { listAuditHandler } from "./list.handler";
import { listAuditInput } from "./list.schema";
import { lastVerificationHandler, verifyHandler } from "./verify.handler";
import { verifyAuditInput } from "./verify.schema";

export const auditRouter = createTRPCRouter({
  list: scopedProcedure("audit.read").input(listAuditInput).query(listAuditHandler),
  lastVerification: scopedProcedure("audit.read").query(lastVerificationHandler),
  verify: scopedProcedure("audit.verify").input(verifyAuditInput).mutation(verifyHandler),
});
