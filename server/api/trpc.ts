/**
 * The one place where the tRPC context, initialisation and procedure kinds are built.
 * Routers import from here and nothing else of tRPC's server side.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Database } from "../db/client";
import { can, loadActor, loadNodeTarget, loadUserTarget, type Action, type Actor, type NodeTarget, type UserTarget } from "../scope";

// 1. Context ------------------------------------------------------------------------------------

export interface InnerContext {
  db: Database;
  /** The signed-in user's id, as the session cookie proved it; null when signed out. */
  sessionUserId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Builds a context from plain values: used by tests and scripts, and by the HTTP handler
 * (server/api/http-context.ts) once it has read the session cookie.
 */
export function createInnerContext(input: InnerContext): InnerContext {
  return input;
}

// 2. Initialisation -----------------------------------------------------------------------------

const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Bad input comes back with the field-by-field issues, never a stack trace.
        zodIssues: error.cause instanceof ZodError ? (z.flattenError(error.cause) as { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> }) : null,
        stack: undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures ---------------------------------------------------------------------------------

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure;

/**
 * A signed-in user who may use the system now. The actor is re-read from the database on every
 * request, so a suspended, locked or deleted user is refused at once.
 */
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const actor = ctx.sessionUserId ? await loadActor(ctx.db, ctx.sessionUserId) : null;
  if (!actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  const signedIn: Actor = actor;

  /** Asks the scope resolver about a user by id; out of scope looks exactly like not found. */
  async function requireUser(action: Action, userId: string): Promise<UserTarget> {
    const target = await loadUserTarget(ctx.db, userId);
    if (!target || !can(signedIn, action, target).allowed) {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such user in your organisation." });
    }
    return target;
  }

  /** Asks the scope resolver about a node by id; out of scope looks exactly like not found. */
  async function requireNode(action: Action, nodeId: string): Promise<NodeTarget> {
    const target = await loadNodeTarget(ctx.db, nodeId);
    if (!target || !can(signedIn, action, target).allowed) {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such organisation in your scope." });
    }
    return target;
  }

  return next({ ctx: { ...ctx, actor, requireUser, requireNode } });
});

/**
 * A signed-in user whom the scope resolver allows `action` (an action without a target).
 * Per-target checks happen in the handler through `ctx.requireUser`.
 */
export function scopedProcedure(action: Action) {
  return authedProcedure.use(({ ctx, next }) => {
    const decision = can(ctx.actor, action);
    if (!decision.allowed) throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this." });
    return next({ ctx });
  });
}

export type AuthedContext = InnerContext & {
  actor: Actor;
  requireUser: (action: Action, userId: string) => Promise<UserTarget>;
  requireNode: (action: Action, nodeId: string) => Promise<NodeTarget>;
};
