import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTRPCContext } from "@/server/api/http-context";
import { trpcMaxBatchSize, trpcMaxBodyBytes } from "@/server/api/limits";
import { appRouter } from "@/server/api/root";
import { readBodyCapped } from "@/server/http/read-body";

const refusal = (status: number, message: string) =>
  Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store" } });

async function handler(req: Request) {
  let request = req;
  if (req.method !== "GET") {
    // JSON only: a cross-site form can send multipart or urlencoded bodies, never this type without
    // a preflight the app does not answer.
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return refusal(415, "Send JSON (Content-Type: application/json).");
    const body = await readBodyCapped(req, trpcMaxBodyBytes);
    if (!body) return refusal(413, "The request is too large.");
    request = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: trpcMaxBatchSize,
    createContext: () => createTRPCContext({ headers: request.headers, source: "http" }),
  });
}

export { handler as GET, handler as POST };
