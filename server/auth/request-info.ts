/**
 * The client's address and agent as the app server saw them. Next.js sets x-forwarded-for to the
 * socket's peer when no proxy is in front; behind a load balancer, the first entry is the client.
 */
export function requestInfo(headers: Headers): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent"),
  };
}
