import { auth } from "../auth/config";
import { requestInfo } from "../auth/request-info";
import { db } from "../db/client";
import { createInnerContext, type InnerContext } from "./trpc";

/** The tRPC context of an HTTP request: the next-auth session (re-validated) and the client's address. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<InnerContext> {
  const session = await auth();
  return createInnerContext({
    db: db(),
    sessionUserId: session?.userId || null,
    sessionId: session?.sessionId || null,
    ...requestInfo(opts.headers),
  });
}
