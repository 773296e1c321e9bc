import { auditEraseJob } from "./audit-erase";
import { auditSealJob } from "./audit-seal";
import { auditVerifyJob } from "./audit-verify";
import { autoApproveRegistrationJob } from "./auto-approve-registration";
import { boardDigestJob } from "./board-digest";
import { bulkOperationJob } from "./bulk-operation";
import { deliveryEventJob } from "./delivery-event";
import type { JobDefinition } from "./job";
import { lockAccountJob } from "./lock-account";
import { resendInvitationsJob } from "./resend-invitations";
import { sendEmailJob } from "./send-email";
import { sessionInvitationsJob } from "./session-invitations";
import { supportDeadlinesJob } from "./support-deadlines";
import { trainingRemindersJob } from "./training-reminders";
import { unlockAccountJob } from "./unlock-account";

/**
 * Every job there is, each defined in its own file: what the worker registers and the database's
 * set-up makes queues for. A new job is its file and its line here.
 */
export const jobs: readonly JobDefinition<unknown>[] = [
  sendEmailJob,
  autoApproveRegistrationJob,
  lockAccountJob,
  unlockAccountJob,
  resendInvitationsJob,
  deliveryEventJob,
  supportDeadlinesJob,
  boardDigestJob,
  bulkOperationJob,
  auditSealJob,
  auditVerifyJob,
  auditEraseJob,
  trainingRemindersJob,
  sessionInvitationsJob,
];
