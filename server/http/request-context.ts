import { AsyncLocalStorage } from "node:async_hooks";

/** What the request log says of a request beyond its method, route, status and time. */
export interface RequestContext {
  requestId: string;
  userId: string | null;
}

// On globalThis: the front door (scripts/serve.ts) and the app's bundled server code load this
// module separately, yet must share one store to put the signed-in user on the request's line.
const shared = globalThis as unknown as { requestContext?: AsyncLocalStorage<RequestContext> };
export const requestContext = (shared.requestContext ??= new AsyncLocalStorage<RequestContext>());

/** Notes who the request turned out to be from (once the session was checked), for its log line. */
export function noteRequestUser(userId: string | null): void {
  const current = requestContext.getStore();
  if (current && userId) current.userId = userId;
}
