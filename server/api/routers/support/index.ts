import { createTRPCRouter, supportProcedure, supportScopedProcedure, targetProcedure } from "../../trpc";
import { attachFileHandler, issueFileHandler, mayAttachFileHandler } from "./files.handler";
import { attachFileInput, issueFileInput, issueFileTargetInput } from "./files.schema";
import {
  assignableHandler,
  assignHandler,
  exportHandler,
  filterOptionsHandler,
  inboxCountsHandler,
  inboxHandler,
  reassignHandler,
  reportabilityHandler,
  respondHandler,
  statusHandler,
  trendHandler,
} from "./handling.handler";
import {
  assignInput,
  exportInput,
  filterOptionsInput,
  inboxInput,
  reassignInput,
  reportabilityInput,
  respondInput,
  statusInput,
} from "./handling.schema";
import {
  followUpHandler,
  issueHandler,
  mineHandler,
  reopenHandler,
  reportFormHandler,
  reportHandler,
} from "./report.handler";
import { followUpInput, issueIdInput, reportInput } from "./report.schema";
import {
  createTypeHandler,
  listTypesHandler,
  retireTypeHandler,
  setStaffHandler,
  staffOfHandler,
  updateTypeHandler,
} from "./setup.handler";
import {
  issueTypeFields,
  retireIssueTypeInput,
  staffOfInput,
  staffProfileInput,
  updateIssueTypeInput,
} from "./setup.schema";

/** Support issues: reported in the portal, handled in the dashboard; nothing of it while it is off. */
export const supportRouter = createTRPCRouter({
  // The reporter (any signed-in person).
  reportForm: supportProcedure.query(reportFormHandler),
  report: supportProcedure.input(reportInput).mutation(reportHandler),
  mine: supportProcedure.query(mineHandler),
  byId: targetProcedure("support.read", issueIdInput).query(issueHandler),
  followUp: targetProcedure("support.follow", followUpInput).mutation(followUpHandler),
  reopen: targetProcedure("support.follow", issueIdInput).mutation(reopenHandler),
  // Files: uploaded and read through their route handler, which streams the body in up to the cap.
  mayAttachFile: targetProcedure("support.attach", issueFileTargetInput, { callers: "server" }).query(
    mayAttachFileHandler,
  ),
  attachFile: targetProcedure("support.attach", attachFileInput, { callers: "server" }).mutation(attachFileHandler),
  file: targetProcedure("support.read", issueFileInput, { callers: "server" }).query(issueFileHandler),
  // Handlers and the admins who read along.
  inbox: supportScopedProcedure("support.inbox").input(inboxInput).query(inboxHandler),
  inboxCounts: supportScopedProcedure("support.inbox").query(inboxCountsHandler),
  filterOptions: supportScopedProcedure("support.inbox").input(filterOptionsInput).query(filterOptionsHandler),
  export: supportScopedProcedure("support.export").input(exportInput).query(exportHandler),
  trend: supportScopedProcedure("support.export").input(exportInput).query(trendHandler),
  respond: targetProcedure("support.handle", respondInput).mutation(respondHandler),
  setStatus: targetProcedure("support.handle", statusInput).mutation(statusHandler),
  assignable: targetProcedure("support.assign", issueIdInput).query(assignableHandler),
  assign: targetProcedure("support.assign", assignInput).mutation(assignHandler),
  reassign: supportScopedProcedure("support.reassign").input(reassignInput).mutation(reassignHandler),
  decideReportability: targetProcedure("support.handle", reportabilityInput).mutation(reportabilityHandler),
  // The owner's set-up.
  types: supportScopedProcedure("support.configure").query(listTypesHandler),
  createType: supportScopedProcedure("support.configure").input(issueTypeFields).mutation(createTypeHandler),
  updateType: supportScopedProcedure("support.configure").input(updateIssueTypeInput).mutation(updateTypeHandler),
  retireType: supportScopedProcedure("support.configure").input(retireIssueTypeInput).mutation(retireTypeHandler),
  staffOf: targetProcedure("support.staff", staffOfInput).query(staffOfHandler),
  setStaff: targetProcedure("support.staff", staffProfileInput).mutation(setStaffHandler),
});
