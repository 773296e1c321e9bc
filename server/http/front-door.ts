import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddress } from "./client-address";
import { isCrossSiteWrite } from "./cross-site";
import { securityHeaders } from "./security-headers";

/**
 * The front door: what every request meets before Next.js sees it (scripts/serve.ts runs Next.js
 * behind it, in development and in production). It settles the client's address from the socket,
 * refuses state-changing requests from other sites, and puts the security headers on every answer.
 */
export const clientAddressHeader = "x-medtech-client-address";
const frontDoorHeader = "x-medtech-front-door";
// Set in this process by the front door; the app trusts the address header only beside it, so a
// client cannot write its own address even if the app were run without the front door.
const tokenVariable = "MEDTECH_FRONT_DOOR_TOKEN";

/** Paths whose callers are other servers, authenticated by a signature rather than a session. */
const serverToServer = ["/api/webhooks/"];
/** Pages of what any member writes: no outside image, whatever a post's Markdown asks for. */
const peoplesOwnWords = ["/portal/boards", "/dashboard/boards"];

export function createFrontDoor(options: { appUrl: string; trustedProxies: number; development: boolean }) {
  const token = (process.env[tokenVariable] ??= randomBytes(32).toString("base64url"));
  const headers = securityHeaders(options);
  const boardHeaders = securityHeaders({ ...options, outsideImages: false });
  const appOrigin = new URL(options.appUrl).origin;

  /** Prepares the request for Next.js; false when the front door answered it itself. */
  return function admit(req: IncomingMessage, res: ServerResponse): boolean {
    const own = peoplesOwnWords.some((prefix) => (req.url ?? "").startsWith(prefix));
    for (const [name, value] of Object.entries(own ? boardHeaders : headers)) res.setHeader(name, value);
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], options.trustedProxies);
    // Whatever the client wrote about addresses goes; what remains is what the front door decided.
    for (const name of ["x-forwarded-for", "x-real-ip", "forwarded", clientAddressHeader, frontDoorHeader])
      delete req.headers[name];
    if (address) {
      req.headers[clientAddressHeader] = address;
      req.headers["x-forwarded-for"] = address;
    }
    req.headers[frontDoorHeader] = token;
    const path = req.url ?? "/";
    if (isCrossSiteWrite(req, appOrigin) && !serverToServer.some((prefix) => path.startsWith(prefix))) {
      res.statusCode = 403;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.setHeader("cache-control", "no-store");
      res.end("Refused: this request came from another site.");
      return false;
    }
    return true;
  };
}

/** Whether this process runs behind the front door (scripts/serve.ts), as it must. */
export function behindFrontDoor(): boolean {
  return Boolean(process.env[tokenVariable]);
}

/** The client's address the front door settled for this request, or null without it. */
export function trustedClientAddress(headers: Headers): string | null {
  const token = process.env[tokenVariable];
  if (!token || headers.get(frontDoorHeader) !== token) return null;
  return headers.get(clientAddressHeader);
}
