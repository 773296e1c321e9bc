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
import { getSettings } from "../settings/get-settings";
import {
  can,
  grantAction,
  loadActor,
  refusalSentence,
  type Action,
  type Actor,
  type AdminRole,
  type NodeTarget,
} from "../scope";
import {
  featureSwitches,
  kindOf,
  requireTarget,
  targetKinds,
  type FeatureSwitch,
  type IdFieldOf,
  type KindOf,
  type Resolved,
  type TargetAction,
  type TargetKindName,
} from "../scope/targets";

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
     * Asks the scope resolver about a second target by id (the group a person is added to, say):
     * out of scope is NOT_FOUND, beyond the actor's role FORBIDDEN, thrown here as tRPC errors.
     */
    const require = <A extends TargetAction>(action: A, id: string, options?: { childKind?: NodeKind }) =>
      asTRPCError(requireTarget(ctx.db, signedIn, action, id, options));
    /** Whether the actor may give `role` at the node: the action that granting it is, asked about the node. */
    const requireRoleAt = (role: AdminRole, nodeId: string) => require(grantAction(role), nodeId);

    // Who acted, from where: what every audit entry written by the procedure records.
    const audit = { actorId: actor.userId, ip: ctx.ip };
    return next({ ctx: { ...ctx, actor, require, requireRoleAt, audit } });
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
 * While the owner has a feature switched off (support issues, community boards), every procedure
 * of it answers as if it did not exist (NOT_FOUND), through the pages as through the API.
 */
function featureProcedure(feature: FeatureSwitch) {
  return authedProcedure.use(async ({ ctx, next }) => {
    if (!(await getSettings(ctx.db))[feature])
      throw new TRPCError({ code: "NOT_FOUND", message: featureSwitches[feature] });
    return next();
  });
}

/** A signed-in user, while the owner has support issues enabled. */
export const supportProcedure = featureProcedure("supportIssuesEnabled");
/** A signed-in user, while the owner has community boards enabled. */
export const boardsProcedure = featureProcedure("communityBoardsEnabled");

/** `supportProcedure` for an action without a target (the inbox, the owner's set-up). */
export function supportScopedProcedure(action: Action) {
  return supportProcedure.use(({ ctx, next }) => {
    const decision = can(ctx.actor, action);
    if (!decision.allowed) throw new TRPCError({ code: "FORBIDDEN", message: refusalSentence(decision.reason) });
    return next();
  });
}

/**
 * A procedure about one target: a person, a node, a content item, a support issue, a board, a role
 * someone holds. The action's rule says which kind of target it is about (server/scope/actions.ts),
 * the kind's entry (server/scope/targets.ts) which input field names it and how it is loaded; the
 * resolver is asked before the handler runs: a target the actor may not see is NOT_FOUND, one they
 * may not do `action` on FORBIDDEN. The target and the resolver's decision are on `ctx`.
 *
 * `field` names another input field than the kind's own (the group a person is created in);
 * `childKind` says, for an action that creates under a node, which input field holds the kind of
 * node being created; `callers: "server"` keeps it to the app's own route handlers (files), refused
 * over HTTP before the target is even looked up.
 */
export function targetProcedure<
  A extends TargetAction,
  Input extends Record<Field, string>,
  Field extends string = IdFieldOf<A>,
>(
  action: A,
  input: z.ZodType<Input>,
  options: { field?: Field; childKind?: keyof Input & string; callers?: "anyone" | "server" } = {},
) {
  const kind: { idField: string; feature?: FeatureSwitch } = targetKinds[kindOf(action)];
  const gated = kind.feature ? featureProcedure(kind.feature) : authedProcedure;
  const base = options.callers === "server" ? gated.use(serverCallersOnly) : gated;
  const field = (options.field ?? kind.idField) as Field;
  return base.input(input).use(async ({ ctx, input, next }) => {
    const childKind = options.childKind ? (input[options.childKind] as NodeKind) : undefined;
    const resolved: Resolved<KindOf<A>> = await ctx.require(action, input[field], { childKind });
    return next({ ctx: resolved });
  });
}

/**
 * A procedure about several nodes at once, named by the input's array `key` (the groups a new user
 * joins): each is asked about before the handler runs; the first out of reach refuses it all.
 */
export function nodesProcedure<Input extends Record<Key, string[]>, Key extends string>(
  action: Extract<TargetAction, Action>,
  input: z.ZodType<Input>,
  key: Key,
) {
  return authedProcedure.input(input).use(async ({ ctx, input, next }) => {
    const nodes: NodeTarget[] = [];
    for (const nodeId of input[key]) nodes.push((await ctx.require(action, nodeId)).target as NodeTarget);
    return next({ ctx: { nodes } });
  });
}

/** The route handlers' own procedures: `internalProcedure` for anyone, `internalAuthedProcedure` signed in. */
export const internalProcedure = publicProcedure.use(serverCallersOnly);
export const internalAuthedProcedure = authedProcedure.use(serverCallersOnly);

export type AuthedContext = InnerContext & {
  actor: Actor;
  require: <A extends TargetAction>(
    action: A,
    id: string,
    options?: { childKind?: NodeKind },
  ) => Promise<Resolved<KindOf<A>>>;
  requireRoleAt: (role: AdminRole, nodeId: string) => Promise<Resolved<"node">>;
  audit: { actorId: string; ip: string | null };
};

/** The context of a `targetProcedure` about a target of kind K: the target and the resolver's decision. */
export type TargetContext<K extends TargetKindName> = AuthedContext & Resolved<K>;
export type UserContext = TargetContext<"user">;
export type NodeContext = TargetContext<"node">;
export type ContentContext = TargetContext<"content">;
export type IssueContext = TargetContext<"issue">;
export type BoardContext = TargetContext<"board">;
export type GrantContext = TargetContext<"grant">;

/** What a handler receives: its procedure kind's context, and its input as the schema parsed it. */
export interface HandlerOptions<Context, Input extends z.ZodType> {
  ctx: Context;
  input: z.infer<Input>;
}
