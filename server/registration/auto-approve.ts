import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { registrationRequests } from "../db/schema";
import { DomainError } from "../domain-error";
import type { LinkConfig } from "../email/links";
import { getSettings } from "../settings/get-settings";
import { acceptRequestInTx, lockRequestsOfAddress } from "./decide-requests";
import { emailDomainAllowed, liveOpenFacility } from "./open-facilities";
import { notifyRequestWaiting } from "./notify-reviewers";

export type AutoApproveOutcome = "accepted" | "sent_to_review" | "already_decided" | "missing";

/** The system accepts the request: no person is the actor of its audit entries. */
const systemContext = { actorId: null, ip: null };

/**
 * The auto-approve job's work for one request. Idempotent: the request row is locked and must still
 * be pending, so a second run (a retry, a duplicate job) changes nothing and sends nothing. A request
 * that no longer qualifies, or that the acceptance refuses (seat limit, an account in use), stays
 * pending with the reason, for an administrator.
 */
export async function autoApproveRequest(
  db: Database,
  links: LinkConfig,
  requestId: string,
): Promise<AutoApproveOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockRequestsOfAddress(tx, requestId).catch((error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      return error.code === "NOT_FOUND" ? ("missing" as const) : ("already_decided" as const);
    });
    if (typeof request === "string") return request;
    const settings = await getSettings(tx);
    const facility = request.facilityId ? await liveOpenFacility(tx, request.facilityId) : null;
    let reason: string | null = null;
    if (!settings.autoApproveEnabled) reason = "Auto-approve was turned off before the request was processed.";
    else if (!facility) reason = "The facility was closed to self-registration before the request was processed.";
    else if (!emailDomainAllowed(facility.allowedDomains, request.email))
      reason = "The email address is not at one of the domains allowed for self-registration at this facility.";
    if (facility && reason === null) {
      try {
        // A savepoint: a refusal undoes the acceptance's writes but keeps the lock and lets the reason be recorded.
        await tx.transaction((savepoint) =>
          acceptRequestInTx(savepoint, systemContext, links, {
            requestId,
            groupId: facility.defaultGroupId,
            automatic: true,
          }),
        );
        return "accepted";
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reason = error.message;
      }
    }
    await tx.update(registrationRequests).set({ reviewReason: reason }).where(eq(registrationRequests.id, requestId));
    await notifyRequestWaiting(tx, requestId);
    return "sent_to_review";
  });
}
