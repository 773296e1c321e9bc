import { isIP } from "node:net";

/**
 * The client's address, decided once at the front door from what can be trusted: the connection's
 * own peer address and, only when the operator says how many proxies stand in front of the app,
 * that many entries of X-Forwarded-For counted from the right (each proxy appends the address it
 * saw). Anything further left was written by the client and proves nothing. X-Real-IP is never read.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string | null {
  const peer = normalise(socketAddress);
  if (trustedProxies === 0) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => normalise(entry.trim()))
    .filter((entry): entry is string => entry !== null);
  // The chain as the last proxy saw it: the entries it received, then itself (the socket's peer).
  const chain = [...forwarded, ...(peer ? [peer] : [])];
  return chain[chain.length - 1 - trustedProxies] ?? chain[0] ?? null;
}

/** A bare IP address ("::ffff:10.0.0.1" as "10.0.0.1"), or null for anything that is not one. */
function normalise(address: string | undefined): string | null {
  if (!address) return null;
  const bare = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(bare) ? bare : null;
}
