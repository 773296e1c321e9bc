import { env } from "../env";

/**
 * The client's address and agent as the app server saw them. Next.js sets X-Forwarded-For to the
 * socket's peer when the request has none; each trusted proxy in front appends the address it saw.
 * So the client is the entry TRUSTED_PROXY_HOPS places from the right: what a client writes into
 * the header itself stays on the left and cannot pass for its address (or dodge the per-IP
 * throttle). Without a proxy, expose the app only behind one that sets the header.
 */
export function requestInfo(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): { ip: string | null; userAgent: string | null } {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromTheRight = entries[entries.length - hops] ?? entries[0];
  return {
    ip: fromTheRight || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent"),
  };
}
