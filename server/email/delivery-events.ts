import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { emailOutbox, invitations, users } from "../db/schema";
import { adminsWhoMayManage } from "../auth/account-lock";
import { notify } from "../notifications/inbox";

const outcomeOf = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
} as const;

/** A delivery event from the provider, as its webhook recorded it. */
export interface DeliveryEvent {
  type: "email.delivered" | "email.bounced" | "email.complained";
  /** The provider's id of the email. */
  emailId: string;
  at: string;
}

export type DeliveryEventResult = "applied" | "unknown-email";

/**
 * Records what the provider says became of an email, on the outbox row and, for the newest
 * invitation of a user, on the user. Idempotent and order-proof: a worse outcome is never
 * overwritten by a better one (complained > bounced > delivered), so replays and late events
 * change nothing. "unknown-email" lets the job retry while the send has not recorded the id yet.
 */
export async function applyDeliveryEvent(db: Database, event: DeliveryEvent): Promise<DeliveryEventResult> {
  const outcome = outcomeOf[event.type];
  const rank = sql`array_position(array['delivered','bounced','complained']::delivery_status[], ${outcome}::delivery_status)`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: emailOutbox.id, userId: emailOutbox.userId, kind: emailOutbox.kind })
      .from(emailOutbox)
      .where(eq(emailOutbox.providerMessageId, event.emailId));
    if (!row) return "unknown-email";
    await tx
      .update(emailOutbox)
      .set({ deliveryStatus: outcome })
      .where(
        and(
          eq(emailOutbox.id, row.id),
          sql`coalesce(array_position(array['delivered','bounced','complained']::delivery_status[], ${emailOutbox.deliveryStatus}), 0) < ${rank}`,
        ),
      );
    if (row.kind === "invitation" && row.userId) {
      // Only the newest invitation speaks for the user: an old email's bounce says nothing of the new one.
      const [newest] = await tx
        .select({ outboxId: invitations.outboxId })
        .from(invitations)
        .where(eq(invitations.userId, row.userId))
        .orderBy(sql`${invitations.createdAt} desc`)
        .limit(1);
      if (newest?.outboxId === row.id) {
        const changed = await tx
          .update(users)
          .set({ invitationDelivery: outcome })
          .where(
            and(
              eq(users.id, row.userId),
              sql`coalesce(array_position(array['delivered','bounced','complained']::delivery_status[], ${users.invitationDelivery}), 0) < ${rank}`,
            ),
          )
          .returning({ email: users.email, firstName: users.firstName, lastName: users.lastName });
        // A bounce tells the admins who can fix the address (once per email).
        const [person] = changed;
        if (outcome === "bounced" && person) {
          await notify(tx, await adminsWhoMayManage(tx, row.userId), {
            kind: "invitation_bounced",
            title: `The invitation to ${`${person.firstName} ${person.lastName}`.trim() || person.email} bounced`,
            body: `The email to ${person.email} could not be delivered. Check the address, change it if needed, and invite again.`,
            link: `/dashboard/users/${row.userId}`,
            sourceId: row.id,
          });
        }
      }
    }
    return "applied";
  });
}
