import { Resend } from "resend";
import type { Database } from "../db/client";
import { webhookDeliveries } from "../db/schema";
import { enqueue } from "../jobs/enqueue";
import { deliveryEventJob } from "../../workers/delivery-event";

type WebhookEvent = ReturnType<Resend["webhooks"]["verify"]>;

/**
 * Records a verified webhook delivery once, by its id, and queues its event for the worker in the
 * same transaction; a delivery seen before (Resend's retry, or a replay) queues nothing. Other
 * event types are acknowledged and ignored. True when a job was queued.
 */
export async function enqueueDeliveryEvent(db: Database, deliveryId: string, event: WebhookEvent): Promise<boolean> {
  if (event.type !== "email.delivered" && event.type !== "email.bounced" && event.type !== "email.complained")
    return false;
  const { type, created_at: at, data } = event;
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(webhookDeliveries)
      .values({ id: deliveryId.slice(0, 200), kind: type })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    if (!first) return false;
    await enqueue(
      tx,
      deliveryEventJob,
      { type, emailId: data.email_id, at },
      { singletonKey: `webhook/${deliveryId}` },
    );
    return true;
  });
}

/**
 * A webhook delivery from Resend, as received: verified against the signing secret (Standard
 * Webhooks: svix-id, svix-timestamp, svix-signature) before anything is read from it, then queued
 * once. "refused": unsigned, forged, stale, or no secret configured.
 */
export async function receiveDeliveryWebhook(
  db: Database,
  config: { secret: string | undefined; apiKey: string | undefined },
  delivery: { id: string; timestamp: string; signature: string; payload: string },
): Promise<"queued" | "ignored" | "refused"> {
  if (!config.secret) return "refused";
  let event: WebhookEvent;
  try {
    // The SDK's verifier needs no API key; the instance only carries it.
    event = new Resend(config.apiKey ?? "re_webhook_verification").webhooks.verify({
      payload: delivery.payload,
      headers: { id: delivery.id, timestamp: delivery.timestamp, signature: delivery.signature },
      webhookSecret: config.secret,
    });
  } catch {
    return "refused";
  }
  return (await enqueueDeliveryEvent(db, delivery.id, event)) ? "queued" : "ignored";
}
