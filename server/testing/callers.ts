import { createCaller } from "../api/root";
import { createInnerContext } from "../api/trpc";
import type { Database } from "../db/client";

/**
 * A tRPC caller acting as `userId` (or signed out), exactly as the HTTP handler would build it, or
 * (source "server") as the app's own route handlers call it.
 */
export function callerFor(db: Database, userId: string | null, source: "http" | "server" = "http") {
  return createCaller(
    createInnerContext({ db, sessionUserId: userId, ip: "203.0.113.7", userAgent: "vitest", source }),
  );
}
