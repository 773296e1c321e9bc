import { and, asc, eq, or } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { invitations, nodes, registrationRequests, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderRegistrationRejected } from "../email/templates/registration-rejected";
import type { LinkConfig } from "../email/links";
import { inviteUserInTx } from "../invitations/invite";
import { getSettings } from "../settings/get-settings";
import { insertUser } from "../users/create-user";
import { auditView } from "../users/manage-user";
import { addToGroupInTx } from "../users/placements";
import { assertSeatAvailable } from "../users/seat-limit";

const statusWord = { accepted: "accepted", rejected: "rejected", pending: "pending" } as const;

async function lockPendingRequest(tx: DbOrTx, requestId: string) {
  const [request] = await tx
    .select()
    .from(registrationRequests)
    .where(eq(registrationRequests.id, requestId))
    .for("update");
  if (!request) throw new DomainError("NOT_FOUND", "No such registration request in your scope.");
  if (request.status !== "pending")
    throw new DomainError("CONFLICT", `This request was already ${statusWord[request.status]}.`);
  return request;
}

/**
 * Locks the request with every other pending request of its address, always in the order of their
 * ids: accepting one settles them all, and two acceptances of one address's requests running at
 * once then wait for each other instead of deadlocking. The request must still be pending.
 */
export async function lockRequestsOfAddress(tx: DbOrTx, requestId: string) {
  const [target] = await tx
    .select({ email: registrationRequests.email })
    .from(registrationRequests)
    .where(eq(registrationRequests.id, requestId));
  if (!target) throw new DomainError("NOT_FOUND", "No such registration request in your scope.");
  const locked = await tx
    .select()
    .from(registrationRequests)
    .where(
      and(
        eq(registrationRequests.email, target.email),
        or(eq(registrationRequests.status, "pending"), eq(registrationRequests.id, requestId)),
      ),
    )
    .orderBy(asc(registrationRequests.id))
    .for("update");
  const request = locked.find((r) => r.id === requestId);
  if (!request) throw new DomainError("NOT_FOUND", "No such registration request in your scope.");
  if (request.status !== "pending")
    throw new DomainError("CONFLICT", `This request was already ${statusWord[request.status]}.`);
  return request;
}

/**
 * Accepts one pending request in the caller's transaction: creates the person as a product user in
 * `groupId` (or, when the address already belongs to a user who never signed in, adds that user to
 * the group), queues their invitation, and marks the request, and every other request of the same
 * address still waiting, accepted. Refusals leave everything as it was.
 */
export async function acceptRequestInTx(
  tx: DbOrTx,
  context: AuditContext,
  links: LinkConfig,
  input: { requestId: string; groupId: string; automatic: boolean },
): Promise<{ userId: string; linked: boolean }> {
  const request = await lockRequestsOfAddress(tx, input.requestId);
  const [group] = await tx
    .select({ kind: nodes.kind, name: nodes.name, parentId: nodes.parentId, archivedAt: nodes.archivedAt })
    .from(nodes)
    .where(eq(nodes.id, input.groupId));
  if (group?.kind !== "group") throw new DomainError("BAD_REQUEST", "Choose a user group to place the person in.");
  if (group.archivedAt) throw new DomainError("BAD_REQUEST", `"${group.name}" is archived: choose another group.`);

  const [existing] = await tx
    .select({ id: users.id, status: users.status, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.email, request.email))
    .for("update");
  let userId: string;
  if (!existing) {
    await assertSeatAvailable(tx);
    const user = await insertUser(tx, {
      email: request.email,
      firstName: request.firstName,
      lastName: request.lastName,
      phone: request.phone,
      position: request.position,
      memberOf: [input.groupId],
    });
    await recordAudit(tx, context, {
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      after: { ...auditView(user), groupId: input.groupId, registrationRequestId: request.id },
    });
    userId = user.id;
  } else if (existing.suspendedAt) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `${request.email} belongs to a suspended user: reactivate them from their user page, or reject the request.`,
    );
  } else if (existing.status === "active") {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `${request.email} already has an account in use: add them to the group from their user page, or reject the request.`,
    );
  } else {
    await addToGroupInTx(tx, context, existing.id, input.groupId);
    userId = existing.id;
  }

  const [invitedBefore] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(eq(invitations.userId, userId))
    .limit(1);
  await inviteUserInTx(tx, context, links, { userId, kind: invitedBefore ? "resend" : "first" });
  // The request now belongs where the person was placed: that node's admins see it under Accepted.
  await tx
    .update(registrationRequests)
    .set({
      status: "accepted",
      decidedBy: context.actorId,
      decidedAt: new Date(),
      decidedAutomatically: input.automatic,
      userId,
      facilityId: group.parentId,
      reviewReason: null,
    })
    .where(and(eq(registrationRequests.email, request.email), eq(registrationRequests.status, "pending")));
  await recordAudit(tx, context, {
    action: "registration.accepted",
    targetType: "registration_request",
    targetId: request.id,
    after: {
      email: request.email,
      userId,
      linkedExistingUser: existing !== undefined,
      groupId: input.groupId,
      group: group.name,
      automatic: input.automatic,
    },
  });
  return { userId, linked: existing !== undefined };
}

/** Rejects one pending request; with `notify`, emails the person (with the reason, when given). */
export async function rejectRegistrationRequest(
  db: DbOrTx,
  context: AuditContext,
  input: { requestId: string; reason: string | null; notify: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const request = await lockPendingRequest(tx, input.requestId);
    await tx
      .update(registrationRequests)
      .set({ status: "rejected", decidedBy: context.actorId, decidedAt: new Date(), rejectionReason: input.reason })
      .where(eq(registrationRequests.id, request.id));
    if (input.notify) {
      const { installationName } = await getSettings(tx);
      await queueEmail(tx, {
        kind: "registration_rejected",
        to: request.email,
        ...renderRegistrationRejected({ installationName, firstName: request.firstName, reason: input.reason }),
      });
    }
    await recordAudit(tx, context, {
      action: "registration.rejected",
      targetType: "registration_request",
      targetId: request.id,
      after: { email: request.email, reason: input.reason, emailed: input.notify },
    });
  });
}
