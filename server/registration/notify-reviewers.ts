import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { registrationRequests } from "../db/schema";
import { notify } from "../notifications/inbox";
import { adminsWhoMayAt, ownerNodeId } from "../notifications/recipients";

/**
 * Tells the administrators who may decide it that a request waits for them: those of its facility
 * (or the owner's, for a request routed to no customer).
 */
export async function notifyRequestWaiting(tx: DbOrTx, requestId: string): Promise<void> {
  const [request] = await tx
    .select({
      email: registrationRequests.email,
      firstName: registrationRequests.firstName,
      lastName: registrationRequests.lastName,
      facilityId: registrationRequests.facilityId,
      facilityName: registrationRequests.facilityName,
    })
    .from(registrationRequests)
    .where(eq(registrationRequests.id, requestId));
  const at = request?.facilityId ?? (await ownerNodeId(tx));
  if (!request || !at) return;
  await notify(tx, await adminsWhoMayAt(tx, "registration.review", at), {
    kind: "registration_request",
    title: `${`${request.firstName} ${request.lastName}`.trim() || request.email} asks for access`,
    body: `${request.email}${request.facilityName ? `, at ${request.facilityName}` : ""}. Accept or reject the request.`,
    link: "/dashboard/users/registration-requests",
    sourceId: requestId,
  });
}
