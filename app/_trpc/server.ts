import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createTRPCContext } from "@/server/api/http-context";
import { createCaller } from "@/server/api/root";

/**
 * The one door for server components, route handlers and server actions: the same procedures,
 * checks and scope resolver as the browser's requests, over a context built once per request
 * (the session read and the actor loaded once, however many calls a page makes).
 */
const requestContext = cache(async () => createTRPCContext({ headers: await headers() }));

export const api = createCaller(requestContext);

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
