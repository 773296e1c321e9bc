import "server-only";
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import superjson from "superjson";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ZodError } from "zod";
import { createTRPCContext } from "@/server/api/http-context";
import { appRouter, createCaller } from "@/server/api/root";

/**
 * The one door for server components, route handlers and server actions: the same procedures,
 * checks and scope resolver as the browser's requests, over a context built once per request
 * (the session read and the actor loaded once, however many calls a page makes).
 */
const requestContext = cache(async () => createTRPCContext({ headers: await headers(), source: "server" }));

export const api = createCaller(requestContext);

/**
 * The first view's data, fetched on the server into this request's query cache and handed to the
 * page's client components (HydrateClient), so it is in the first HTML instead of a loading line.
 */
const requestQueryClient = cache(
  () =>
    new QueryClient({
      defaultOptions: { queries: { staleTime: 15_000 }, dehydrate: { serializeData: superjson.serialize } },
    }),
);
export const prefetch = createTRPCOptionsProxy({
  ctx: requestContext,
  router: appRouter,
  queryClient: requestQueryClient,
});

/** This request's query cache: await `prefetchQuery(prefetch.….queryOptions(…))` before rendering. */
export const serverQueryClient = requestQueryClient;

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(requestQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * A page's data through the API: signed out → the sign-in page; not found (or outside the scope,
 * which looks the same) → the not-found page; anything else propagates.
 */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/login");
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** The signed-in person and what the frame may offer them, once per request (layout and page share it). */
export const currentShell = cache(() => pageData(() => api.me.get()));

/**
 * A route handler's call through the API, answered as HTTP: the data through `respond`, a refusal
 * (a TRPCError, from the procedure's checks or a DomainError it became) as its status with the
 * sentence, and an unexpected error as a sentence with a reference (the detail in the log only).
 */
export async function apiResponse<T>(call: () => Promise<T>, respond: (data: T) => Response): Promise<Response> {
  const result = await apiCall(call);
  return result.ok ? respond(result.data) : result.response;
}

/** `apiResponse`'s first half, for a route that goes on after the call: the data, or the answer to send instead. */
export async function apiCall<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    const noStore = { "cache-control": "no-store" };
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return {
        ok: false,
        response: Response.json(
          { error: refusalMessage(error) },
          { status: getHTTPStatusCodeFromError(error), headers: noStore },
        ),
      };
    }
    const reference = randomBytes(5).toString("hex");
    console.error(`[route] error ${reference}:`, error);
    return {
      ok: false,
      response: Response.json(
        {
          error: `Something went wrong on our side. If it keeps happening, give your administrator this reference: ${reference}.`,
        },
        { status: 500, headers: noStore },
      ),
    };
  }
}

/** A refusal meant for the person (a procedure's check, or a DomainError it became) as their message; anything else propagates. */
export function refusalMessage(error: unknown): string {
  if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
  // Bad input reads as zod's own sentences, as the browser's API errors do (server/api/trpc.ts).
  return error.cause instanceof ZodError ? error.cause.issues.map((issue) => issue.message).join(" ") : error.message;
}
