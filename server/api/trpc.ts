/**
 * The one place where the tRPC context, initialisation and procedure kinds are built.
 * Routers import from here and nothing else of tRPC's server side.
 */
import { randomBytes } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { env } from "../env";
import type { Database } from "../db/client";
import type { NodeKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { itemReached } from "../content/assignments";
import { getSettings } from "../settings/get-settings";
import {
  can,
  loadActor,
  refusalSentence,
  visibleNodesFilter,
  loadBoardTarget,
  loadIssueTarget,
  requireNodeAccess,
  requireUserAccess,
  type Action,
  type Actor,
  type BoardAction,
  type BoardDecision,
  type BoardTarget,
  type Decision,
  type IssueAction,
  type IssueDecision,
  type IssueTarget,
  type NodeTarget,
  type UserTarget,
} from "../scope";

// 1. Context ------------------------------------------------------------------------------------

export interface InnerContext {
  db: Database;
  /** The signed-in user's id, as the session cookie proved it; null when signed out. */
  sessionUserId: string | null;
  /** The server-side session the cookie names (user_sessions), when signed in through HTTP. */
  sessionId?: string | null;
  ip: string | null;
  userAgent: string | null;
  /**
   * Who is calling: the browser over HTTP (the default), or the app's own server code through the
   * server-side caller (app/_trpc/server.tsx). Procedures that hand over files or take raw bytes
   * exist for the latter only.
   */
  source?: "http" | "server";
  /** The device cookie's tokens (server/auth/trusted-devices.ts), for the sign-in. */
  deviceTokens?: readonly string[];
  /** What domain functions are handed from the environment: handlers never read it themselves. */
  config: ServerConfig;
}

/** The environment's values the API hands to domain functions (links in emails, secrets, where files go). */
export interface ServerConfig {
  /** The public URL, for links in emails. */
  appUrl: string;
  /** Derives the keys of tokens, two-step secrets and the audit anchors. */
  authSecret: string;
  uploadDir: string;
  metricsToken: string | null;
  resendWebhookSecret: string | null;
  resendApiKey: string | null;
}

/** The server's configuration, from the validated environment. */
export function serverConfig(): ServerConfig {
  const e = env();
  return {
    appUrl: e.APP_URL,
    authSecret: e.AUTH_SECRET,
    uploadDir: e.UPLOAD_DIR,
    metricsToken: e.METRICS_TOKEN ?? null,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET ?? null,
    resendApiKey: e.RESEND_API_KEY ?? null,
  };
}

/**
 * Builds a context from plain values: used by tests and scripts, and by the HTTP handler
 * (server/api/http-context.ts) once it has read the session cookie. The configuration comes from
 * the environment unless given.
 */
export function createInnerContext(input: Omit<InnerContext, "config"> & { config?: ServerConfig }): InnerContext {
  return { ...input, config: input.config ?? serverConfig() };
}

// 2. Initialisation -----------------------------------------------------------------------------

const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    // An unexpected error (a failed query with its SQL and parameters, a bug) never reaches the
    // client, in any mode: a sentence and a reference, the detail in the server's log under it.
    if (error.code === "INTERNAL_SERVER_ERROR") {
      const reference = randomBytes(5).toString("hex");
      console.error(`[api] error ${reference} in ${path ?? "?"}:`, error.cause ?? error);
      return {
        ...shape,
        message: `Something went wrong on our side. Please try again; if it keeps happening, give your administrator this reference: ${reference}.`,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reference,
          zodIssues: null,
        },
      };
    }
    // Bad input reads as sentences (zod's own messages, written for people), never as zod's JSON.
    const message =
      error.cause instanceof ZodError
        ? error.cause.issues
            .slice(0, 3)
            .map((issue) => issue.message)
            .join(" ")
        : shape.message;
    // Never a stack trace, in any mode.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message,
      data: {
        ...data,
        reference: null,
        // Bad input comes back with the field-by-field issues, never a stack trace.
        zodIssues:
          error.cause instanceof ZodError
            ? (z.flattenError(error.cause) as {
                formErrors: string[];
                fieldErrors: Record<string, string[] | undefined>;
              })
            : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures ---------------------------------------------------------------------------------

/** Turns a domain function's refusal (DomainError) into its tRPC code, keeping its message. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw new TRPCError({
      code: result.error.cause.code,
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  return result;
});

/**
 * Text with a NUL character is refused as bad input before anything reads it: PostgreSQL cannot
 * store it, and the failed query would otherwise surface as an internal error.
 */
const noNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput()))
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Text may not contain the NUL character. Remove it and try again.",
    });
  return next();
});

/**
 * Walks only what a person typed: strings, arrays and plain objects. Bytes (a file as a route
 * handler read it), dates and other instances are not text and are never visited item by item.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (typeof value !== "object" || value === null || depth > 20) return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}

/**
 * For the app's own route handlers only (files as bytes, a webhook's raw body): over HTTP it looks
 * like a procedure that does not exist.
 */
export const serverCallersOnly = t.middleware(({ ctx, next }) => {
  if (ctx.source !== "server") throw new TRPCError({ code: "NOT_FOUND", message: "No such procedure." });
  return next();
});

/** A domain refusal as the tRPC error of its code, for code that catches tRPC errors. */
async function asTRPCError<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof DomainError) throw new TRPCError({ code: error.code, message: error.message, cause: error });
    throw error;
  }
}

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(domainErrors).use(noNulCharacters);

/**
 * A signed-in user who may use the system now. The actor is re-read from the database on every
 * request, so a suspended or deleted user is refused at once (a lock after failed logins stops new
 * sign-ins, not the sessions of the person who signed in with the right password).
 */
export const authedProcedure = t.procedure
  .use(domainErrors)
  .use(async ({ ctx, next }) => {
    const actor = ctx.sessionUserId ? await loadActor(ctx.db, ctx.sessionUserId) : null;
    if (!actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
    const signedIn: Actor = actor;

    /**
     * Asks the scope resolver about a user or a node by id (server/scope/require.ts): out of scope
     * is NOT_FOUND, beyond the actor's role FORBIDDEN, thrown here as tRPC errors.
     */
    const requireUser = (action: Action, userId: string) =>
      asTRPCError(requireUserAccess(ctx.db, signedIn, action, userId));
    const requireNode = (action: Action, nodeId: string, childKind?: NodeKind) =>
      asTRPCError(requireNodeAccess(ctx.db, signedIn, action, nodeId, childKind));

    // Who acted, from where: what every audit entry written by the procedure records.
    const audit = { actorId: actor.userId, ip: ctx.ip };
    return next({ ctx: { ...ctx, actor, requireUser, requireNode, audit } });
    // The input is looked at only once the caller is known.
  })
  .use(noNulCharacters);

/**
 * A signed-in user whom the scope resolver allows `action` (an action without a target). A
 * procedure about one target uses the kinds below, which ask about it before the handler runs.
 */
export function scopedProcedure(action: Action) {
  return authedProcedure.use(({ ctx, next }) => {
    const decision = can(ctx.actor, action);
    if (!decision.allowed) {
      throw new TRPCError({ code: "FORBIDDEN", message: refusalSentence(decision.reason) });
    }
    return next({ ctx });
  });
}

/**
 * A procedure about one user, named by the input's `userId`: the scope resolver is asked about
 * `action` before the handler runs (NOT_FOUND outside the scope, FORBIDDEN above the actor's
 * reach), and the target with the resolver's decision is on `ctx`.
 */
export function userProcedure<Input extends { userId: string }>(action: Action, input: z.ZodType<Input>) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const { target, decision } = await ctx.requireUser(action, input.userId);
    return next({ ctx: { target, decision } });
  });
}

/**
 * A procedure about one node of the tree, named by the input's `nodeId` (or the field `key` names,
 * e.g. the group a user is created in): the resolver is asked about `action` before the handler
 * runs, and the target node is on `ctx`.
 */
export function nodeProcedure<Input extends Record<Key, string>, Key extends string = "nodeId">(
  action: Action,
  input: z.ZodType<Input>,
  key: Key = "nodeId" as Key,
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    return next({ ctx: { node: await ctx.requireNode(action, input[key]) } });
  });
}

/**
 * A procedure about several nodes at once, named by the input's array `key` (the groups a new user
 * joins): each is asked about before the handler runs; the first out of reach refuses it all.
 */
export function nodesProcedure<Input extends Record<Key, string[]>, Key extends string>(
  action: Action,
  input: z.ZodType<Input>,
  key: Key,
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const nodes: NodeTarget[] = [];
    for (const nodeId of input[key]) nodes.push(await ctx.requireNode(action, nodeId));
    return next({ ctx: { nodes } });
  });
}

/** A procedure that creates a node of `kind` under `parentId`: the resolver is asked about the parent. */
export function childNodeProcedure<Input extends { parentId: string; kind: NodeKind }>(
  action: Action,
  input: z.ZodType<Input>,
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    return next({ ctx: { node: await ctx.requireNode(action, input.parentId, input.kind) } });
  });
}

/**
 * A procedure that passes on one content item, named by the input's `itemId`: the actor must be
 * allowed to distribute content, and the item must have reached their part of the organisation
 * (any item, for its editors); otherwise it does not exist for them (NOT_FOUND).
 */
export function contentProcedure<Input extends { itemId: string }>(input: z.ZodType<Input>) {
  return scopedProcedure("content.distribute")
    .input(input)
    .use(async ({ ctx, input, next }) => {
      const scope = can(ctx.actor, "content.manage").allowed ? "all" : visibleNodesFilter(ctx.actor, "customer_admin");
      if (!(await itemReached(ctx.db, scope, input.itemId)))
        throw new TRPCError({ code: "NOT_FOUND", message: "No such content." });
      return next();
    });
}

/**
 * A signed-in user, while the owner has support issues enabled: when they are off, nothing of
 * them exists (NOT_FOUND), through the pages as through the API.
 */
export const supportProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!(await getSettings(ctx.db)).supportIssuesEnabled)
    throw new TRPCError({ code: "NOT_FOUND", message: "Support issues are not enabled." });
  return next();
});

/** `supportProcedure` for an action without a target (the inbox, the owner's set-up). */
export function supportScopedProcedure(action: Action) {
  return supportProcedure.use(({ ctx, next }) => {
    const decision = can(ctx.actor, action);
    if (!decision.allowed) throw new TRPCError({ code: "FORBIDDEN", message: refusalSentence(decision.reason) });
    return next();
  });
}

/**
 * A procedure about one support issue, named by the input's `issueId`: an issue the actor may not
 * read does not exist for them (NOT_FOUND); one they read but may not do `action` on is
 * FORBIDDEN. The issue and the resolver's decision (as reporter, staff or admin) are on `ctx`.
 */
export function issueProcedure<Input extends { issueId: string }>(
  action: IssueAction,
  input: z.ZodType<Input>,
  callers: "anyone" | "server" = "anyone",
) {
  // The route handlers' own (files): refused over HTTP before the issue is even looked up.
  const base = callers === "server" ? supportProcedure.use(serverCallersOnly) : supportProcedure;
  return base.input(input).use(async ({ ctx, input, next }) => {
    return next({ ctx: await requireIssue(ctx, action, input.issueId) });
  });
}

/**
 * Asks the scope resolver about one issue: NOT_FOUND when the actor may not read it (exactly like
 * one that does not exist), FORBIDDEN when they read it but may not do `action`. Also used by the
 * bulk procedures, once per issue.
 */
export async function requireIssue(
  ctx: AuthedContext,
  action: IssueAction,
  issueId: string,
): Promise<{ issue: IssueTarget; decision: IssueDecision & { allowed: true } }> {
  const issue = await loadIssueTarget(ctx.db, issueId);
  const readable = issue ? can(ctx.actor, "support.read", issue) : null;
  if (!issue || !readable?.allowed) throw new TRPCError({ code: "NOT_FOUND", message: "No such issue." });
  const decision = action === "support.read" ? readable : can(ctx.actor, action, issue);
  if (!decision.allowed)
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        decision.reason === "two_factor"
          ? refusalSentence("two_factor")
          : "You can read this issue but not do this to it: that is for its handlers.",
    });
  return { issue, decision };
}

/**
 * Community boards, while the owner has them on: otherwise every one of their procedures answers
 * as if it did not exist (NOT_FOUND), through the pages as through the API.
 */
export const boardsProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!(await getSettings(ctx.db)).communityBoardsEnabled)
    throw new TRPCError({ code: "NOT_FOUND", message: "Community boards are not enabled." });
  return next();
});

/**
 * A procedure about one board, named by the input's `boardId`: a board the actor may not read
 * does not exist for them (NOT_FOUND); one they read but may not do `action` on is FORBIDDEN. The
 * membership is re-read on every call, so someone taken out of a group loses its boards at once.
 */
export function boardProcedure<Input extends { boardId: string }>(
  action: BoardAction,
  input: z.ZodType<Input>,
  callers: "anyone" | "server" = "anyone",
) {
  const base = callers === "server" ? boardsProcedure.use(serverCallersOnly) : boardsProcedure;
  return base.input(input).use(async ({ ctx, input, next }) => {
    const board = await loadBoardTarget(ctx.db, input.boardId, ctx.actor.userId);
    const readable = board ? can(ctx.actor, "board.read", board) : null;
    if (!board || !readable?.allowed) throw new TRPCError({ code: "NOT_FOUND", message: "No such board." });
    const decision = action === "board.read" ? readable : can(ctx.actor, action, board);
    if (!decision.allowed)
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          decision.reason === "two_factor"
            ? refusalSentence("two_factor")
            : "You can read this board but not do this: that is for its moderators.",
      });
    return next({ ctx: { ...ctx, board, decision } });
  });
}

/** The route handlers' own procedures: `internalProcedure` for anyone, `internalAuthedProcedure` signed in. */
export const internalProcedure = publicProcedure.use(serverCallersOnly);
export const internalAuthedProcedure = authedProcedure.use(serverCallersOnly);

export type AuthedContext = InnerContext & {
  actor: Actor;
  requireUser: (
    action: Action,
    userId: string,
  ) => Promise<{ target: UserTarget; decision: Decision & { allowed: true } }>;
  requireNode: (action: Action, nodeId: string, childKind?: NodeKind) => Promise<NodeTarget>;
  audit: { actorId: string; ip: string | null };
};

/** The context of a `userProcedure`: its target and the resolver's decision. */
export type UserContext = AuthedContext & { target: UserTarget; decision: Decision & { allowed: true } };
/** The context of a `boardProcedure`: the board and how the actor reaches it. */
export type BoardContext = AuthedContext & { board: BoardTarget; decision: BoardDecision & { allowed: true } };
/** The context of an `issueProcedure`: the issue and how the actor reaches it. */
export type IssueContext = AuthedContext & { issue: IssueTarget; decision: IssueDecision & { allowed: true } };
/** The context of a `nodeProcedure`: its target node. */
export type NodeContext = AuthedContext & { node: NodeTarget };

/** What a handler receives: its procedure kind's context, and its input as the schema parsed it. */
export interface HandlerOptions<Context, Input extends z.ZodType> {
  ctx: Context;
  input: z.infer<Input>;
}
