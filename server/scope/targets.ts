import type { DbOrTx } from "../db/client";
import type { NodeKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { actionRules, type Action, type AnyAction } from "./actions";
import {
  loadBoardTarget,
  loadContentTarget,
  loadGrantTarget,
  loadIssueTarget,
  loadNodeTarget,
  loadUserTarget,
} from "./load";
import {
  can,
  refusalSentence,
  type Actor,
  type BoardDecision,
  type BoardTarget,
  type ContentTarget,
  type Decision,
  type GrantTarget,
  type IssueDecision,
  type IssueTarget,
  type NodeTarget,
  type UserTarget,
} from "./resolver";

/**
 * The settings that switch a whole feature on, with what a person is told while it is off: then
 * nothing of it exists for anyone (NOT_FOUND), through the pages as through the API.
 */
export const featureSwitches = {
  supportIssuesEnabled: "Support issues are not enabled.",
  communityBoardsEnabled: "Community boards are not enabled.",
} as const;
export type FeatureSwitch = keyof typeof featureSwitches;

interface TargetKind<Target> {
  /** The input field that names the target, unless the procedure names another. */
  idField: string;
  load: (db: DbOrTx, id: string, actor: Actor) => Promise<Target | null>;
  /** What the actor must be allowed to see the target at all: refused, it does not exist for them. */
  readAction: AnyAction;
  /** What they are told when it does not exist for them (the same as when it does not exist). */
  notFound: string;
  /**
   * What they are told when they see it but may not do the action (two-step verification still
   * to set up aside, which is always said as such); the resolver's own sentence when left out.
   */
  forbidden?: string;
  feature?: FeatureSwitch;
  /** An action without a target the actor must be allowed first: their role is refused (FORBIDDEN) before anything is looked up. */
  gate?: Action;
}

/**
 * Every kind of target a procedure can be about, declared once: which input field names it, how
 * it is loaded for the resolver, the action that makes it visible, and what a person is told. The
 * actions' own table (actions.ts) says which kind each action is about; a new kind of target is a
 * new entry here, its loader and its rule in the resolver.
 */
export const targetKinds = {
  user: {
    idField: "userId",
    load: (db, id) => loadUserTarget(db, id),
    readAction: "user.read",
    notFound: "No such user in your organisation.",
  } as const satisfies TargetKind<UserTarget>,
  node: {
    idField: "nodeId",
    load: (db, id) => loadNodeTarget(db, id),
    readAction: "node.read",
    notFound: "No such organisation in your scope.",
    forbidden: "Your role does not allow this here.",
  } as const satisfies TargetKind<NodeTarget>,
  content: {
    idField: "itemId",
    load: loadContentTarget,
    readAction: "content.passOn",
    notFound: "No such content.",
    gate: "content.distribute",
  } as const satisfies TargetKind<ContentTarget>,
  issue: {
    idField: "issueId",
    load: (db, id) => loadIssueTarget(db, id),
    readAction: "support.read",
    notFound: "No such issue.",
    forbidden: "You can read this issue but not do this to it: that is for its handlers.",
    feature: "supportIssuesEnabled",
  } as const satisfies TargetKind<IssueTarget>,
  board: {
    idField: "boardId",
    load: (db, id, actor) => loadBoardTarget(db, id, actor.userId),
    readAction: "board.read",
    notFound: "No such board.",
    forbidden: "You can read this board but not do this: that is for its moderators.",
    feature: "communityBoardsEnabled",
  } as const satisfies TargetKind<BoardTarget>,
  grant: {
    idField: "assignmentId",
    load: (db, id) => loadGrantTarget(db, id),
    readAction: "role.read",
    notFound: "No such role assignment in your organisation.",
  } as const satisfies TargetKind<GrantTarget>,
} as const;

export type TargetKindName = keyof typeof targetKinds;

interface Targets {
  user: { target: UserTarget; decision: Decision };
  node: { target: NodeTarget; decision: Decision };
  content: { target: ContentTarget; decision: Decision };
  issue: { target: IssueTarget; decision: IssueDecision };
  board: { target: BoardTarget; decision: BoardDecision };
  grant: { target: GrantTarget; decision: Decision };
}

/** The kind of target an action is about, from its rule. */
export type KindOf<A extends AnyAction> = (typeof actionRules)[A]["target"];
/** The actions about one target (not "none"). */
export type TargetAction = { [A in AnyAction]: KindOf<A> extends TargetKindName ? A : never }[AnyAction];
/** The input field that names the target of action A. */
export type IdFieldOf<A extends TargetAction> = (typeof targetKinds)[KindOf<A>]["idField"];
/** What the resolver allowed, and the target it allowed it on. */
export interface Resolved<K extends TargetKindName> {
  target: Targets[K]["target"];
  decision: Extract<Targets[K]["decision"], { allowed: true }>;
}

/** The kind of target of an action, at run time. */
export function kindOf<A extends TargetAction>(action: A): KindOf<A> {
  return actionRules[action].target as KindOf<A>;
}

// One signature for every kind: `can`'s overloads pair each action with its target's type, which
// the table above already guarantees.
const decide = can as (actor: Actor, action: AnyAction, target: unknown) => Decision | IssueDecision | BoardDecision;

/**
 * Asks the scope resolver about one target by id: a target the actor may not see looks exactly like
 * one that does not exist (NOT_FOUND); one they see but may not do `action` on is FORBIDDEN.
 * `childKind`: for an action that creates under a node, the kind of node being created. Procedures
 * (through their kind) and workers (acting for the admin who started a bulk operation) share it.
 */
export async function requireTarget<A extends TargetAction>(
  db: DbOrTx,
  actor: Actor,
  action: A,
  id: string,
  options: { childKind?: NodeKind } = {},
): Promise<Resolved<KindOf<A>>> {
  const kind: TargetKind<unknown> = targetKinds[kindOf(action)];
  const gate = kind.gate ? can(actor, kind.gate) : null;
  if (gate && !gate.allowed) throw new DomainError("FORBIDDEN", refusalSentence(gate.reason));
  const loaded = await kind.load(db, id, actor);
  const visible = loaded === null ? null : decide(actor, kind.readAction, loaded);
  if (loaded === null || !visible?.allowed) throw new DomainError("NOT_FOUND", kind.notFound);
  const target =
    options.childKind && (loaded as NodeTarget).type === "node"
      ? { ...(loaded as NodeTarget), childKind: options.childKind }
      : loaded;
  const decision = action === kind.readAction && !options.childKind ? visible : decide(actor, action, target);
  if (!decision.allowed)
    throw new DomainError(
      "FORBIDDEN",
      decision.reason === "two_factor" || !kind.forbidden ? refusalSentence(decision.reason) : kind.forbidden,
    );
  return { target, decision } as Resolved<KindOf<A>>;
}
