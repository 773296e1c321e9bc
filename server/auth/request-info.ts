import { trustedClientAddress } from "../http/front-door";

/**
 * The client's address and agent. The address is the one the front door settled from the socket
 * (and the proxies the operator trusts, TRUSTED_PROXY_HOPS): never read from a header the client
 * could have written, so the per-IP throttle cannot be dodged nor an audit entry forged.
 */
export function requestInfo(headers: Headers): { ip: string | null; userAgent: string | null } {
  return { ip: trustedClientAddress(headers), userAgent: headers.get("user-agent") };
}
