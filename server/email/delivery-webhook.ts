import type { Resend } from "resend";
import type { Database } from "../db/client";
import { enqueue } from "../jobs/enqueue";

type WebhookEvent = ReturnType<Resend["webhooks"]["verify"]>;

/** Queues a verified webhook event for the worker; other event types are acknowledged and ignored. */
export async function enqueueDeliveryEvent(db: Database, deliveryId: string, event: WebhookEvent): Promise<boolean> {
  if (event.type !== "email.delivered" && event.type !== "email.bounced" && event.type !== "email.complained") return false;
  const { type, created_at: at, data } = event;
  await db.transaction((tx) => enqueue(tx, "delivery-event", { type, emailId: data.email_id, at }, { singletonKey: `webhook/${deliveryId}` }));
  return true;
}
