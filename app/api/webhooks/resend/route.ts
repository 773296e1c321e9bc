import { Resend } from "resend";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { enqueueDeliveryEvent } from "@/server/email/delivery-webhook";
import { readBodyCapped } from "@/server/http/read-body";

/**
 * Resend's webhook. The body is verified against the signing secret (Standard Webhooks: svix-id,
 * svix-timestamp, svix-signature) before anything is read from it; unsigned, forged or stale
 * requests get 401 and change nothing. An accepted delivery is recorded under its svix-id (a unique
 * key) with its job in one transaction: a retry or a replay of the same delivery queues nothing.
 */
const maxBodyBytes = 256 * 1024;

export async function POST(request: Request) {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return new Response("Webhook not configured", { status: 401 });
  // Resend's events are a few kilobytes; anything far larger is not one of them, and is not read.
  const body = await readBodyCapped(request, maxBodyBytes);
  if (!body) return new Response("Payload too large", { status: 413 });
  const payload = new TextDecoder().decode(body);
  const headers = {
    id: request.headers.get("svix-id") ?? "",
    timestamp: request.headers.get("svix-timestamp") ?? "",
    signature: request.headers.get("svix-signature") ?? "",
  };
  let event: ReturnType<Resend["webhooks"]["verify"]>;
  try {
    // The SDK's verifier needs no API key; the instance only carries it.
    event = new Resend(env().RESEND_API_KEY ?? "re_webhook_verification").webhooks.verify({
      payload,
      headers,
      webhookSecret: secret,
    });
  } catch {
    return new Response("Invalid signature", { status: 401 });
  }
  await enqueueDeliveryEvent(db(), headers.id, event);
  return new Response(null, { status: 204 });
}
