import { auth } from "../auth/config";
import { requestInfo } from "../auth/request-info";
import { deviceTokensFromHeaders } from "../auth/trusted-devices";
import { db } from "../db/client";
import { noteRequestUser } from "../http/request-context";
import { createInnerContext, type InnerContext } from "./trpc";

/**
 * The tRPC context of a request: the next-auth session (re-validated) and the client's address;
 * `source` says whether the browser called the API or the app's own server code did.
 */
export async function createTRPCContext(opts: { headers: Headers; source: "http" | "server" }): Promise<InnerContext> {
  const session = await auth();
  noteRequestUser(session?.userId || null);
  return createInnerContext({
    db: db(),
    sessionUserId: session?.userId || null,
    sessionId: session?.sessionId || null,
    ...requestInfo(opts.headers),
    source: opts.source,
    deviceTokens: deviceTokensFromHeaders(opts.headers),
  });
}
