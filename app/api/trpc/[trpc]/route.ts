import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/http-context";
import { trpcMaxAnonymousBodyBytes, trpcMaxBatchSize, trpcMaxBodyBytes } from "@/server/api/limits";
import { appRouter } from "@/server/api/root";
import { readBodyCapped } from "@/server/http/read-body";

const refusal = (status: number, message: string) =>
  Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store" } });

async function handler(req: Request) {
  // Who calls is known before any of the body is read: someone signed out is read a public form's
  // worth of it, never a signed-in person's larger allowance.
  const context = await createTRPCContext({ headers: req.headers, source: "http" });
  let request = req;
  if (req.method !== "GET") {
    // JSON only: a cross-site form can send multipart or urlencoded bodies, never this type without
    // a preflight the app does not answer.
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      await req.body?.cancel().catch(() => {});
      return refusal(415, "Send JSON (Content-Type: application/json).");
    }
    const body = await readBodyCapped(req, context.sessionUserId ? trpcMaxBodyBytes : trpcMaxAnonymousBodyBytes);
    if (!body)
      return refusal(
        413,
        context.sessionUserId
          ? "The request is too large."
          : "The request is too large. Sign in first if you meant to.",
      );
    request = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: trpcMaxBatchSize,
    createContext: () => context,
  });
}

export { handler as GET, handler as POST };
