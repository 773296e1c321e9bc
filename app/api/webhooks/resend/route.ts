import { api } from "@/app/_trpc/server";
import { readBodyCapped } from "@/server/http/read-body";

/**
 * Resend's webhook. The body is read up to its cap, then verified and queued through the API
 * (email.deliveryWebhook): unsigned, forged or stale requests get 401 and change nothing; a
 * delivery seen before (a retry, a replay) is acknowledged and queues nothing.
 */
const maxBodyBytes = 256 * 1024;

export async function POST(request: Request) {
  // Resend's events are a few kilobytes; anything far larger is not one of them, and is not read.
  const body = await readBodyCapped(request, maxBodyBytes);
  if (!body) return new Response("Payload too large", { status: 413 });
  const { outcome } = await api.email.deliveryWebhook({
    id: request.headers.get("svix-id") ?? "",
    timestamp: request.headers.get("svix-timestamp") ?? "",
    signature: request.headers.get("svix-signature") ?? "",
    payload: new TextDecoder().decode(body),
  });
  return outcome === "refused"
    ? new Response("Invalid signature", { status: 401 })
    : new Response(null, { status: 204 });
}
