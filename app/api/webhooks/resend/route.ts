import { Resend } from "resend";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { enqueueDeliveryEvent } from "@/server/email/delivery-webhook";

/**
 * Resend's webhook. The body is verified against the signing secret (Standard Webhooks: svix-id,
 * svix-timestamp, svix-signature) before anything is read from it; unsigned, forged or stale
 * requests get 401 and change nothing. Accepted events are queued (one job per svix-id), and the
 * worker applies them: a retry from Resend never applies an event twice.
 */
const maxBodyBytes = 256 * 1024;

export async function POST(request: Request) {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return new Response("Webhook not configured", { status: 401 });
  // Resend's events are a few kilobytes; anything far larger is not one of them.
  if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) return new Response("Payload too large", { status: 413 });
  const payload = await request.text();
  if (payload.length > maxBodyBytes) return new Response("Payload too large", { status: 413 });
  const headers = { id: request.headers.get("svix-id") ?? "", timestamp: request.headers.get("svix-timestamp") ?? "", signature: request.headers.get("svix-signature") ?? "" };
  let event: ReturnType<Resend["webhooks"]["verify"]>;
  try {
    // The SDK's verifier needs no API key; the instance only carries it.
    event = new Resend(env().RESEND_API_KEY ?? "re_webhook_verification").webhooks.verify({ payload, headers, webhookSecret: secret });
  } catch {
    return new Response("Invalid signature", { status: 401 });
  }
  await enqueueDeliveryEvent(db(), headers.id, event);
  return new Response(null, { status: 204 });
}
