import type { NodeKind, Permission, RoleName, SupportAccountCategory } from "../db/schema";
import {
  actionRules,
  grantAction,
  type Action,
  type BoardAction,
  type BoardRule,
  type GrantAction,
  type GrantRule,
  type IssueAction,
  type IssueRule,
} from "./actions";
import { roleRank, type AdminRole } from "./roles";

/** An admin role held at one node of the tree. */
export interface RoleGrant {
  role: AdminRole;
  nodeId: string;
  nodePath: string;
  nodeName: string;
}

/** Who is asking: loaded once per request from the database, never from the client. */
export interface Actor {
  userId: string;
  primaryRole: RoleName;
  grants: readonly RoleGrant[];
  permissions: ReadonlySet<Permission>;
  /** The owner requires two-step verification for administrators and this one has not set it up:
   * their roles give them nothing until they do (they may still use the portal). */
  awaitsTwoFactor: boolean;
  /** Null unless the person works in a support handling unit. */
  staff: StaffReach | null;
}

/**
 * What a member of support staff reaches: the issues of their handling units, of the issue types
 * they may handle (none listed: every type), from the accounts assigned to them (none listed:
 * every account; customers and services are customers, distributors are markets).
 */
export interface StaffReach {
  units: readonly { nodeId: string; nodePath: string }[];
  typeIds: readonly string[];
  accounts: readonly { nodeId: string; category: SupportAccountCategory }[];
}

/** A support issue, as the resolver sees it: where it is handled and where its reporter sat. */
export interface IssueTarget {
  type: "issue";
  issueId: string;
  typeId: string;
  unitId: string;
  unitPath: string;
  /** The path of the node the reporter sat in when reporting. */
  scopePath: string;
  customerId: string | null;
  marketId: string | null;
  reporterId: string | null;
}

/**
 * A community board, as the resolver sees it: the node it was created at (whose admins moderate
 * it) and whether the asking person is one of its members (loaded for them, from the board's
 * access and their placements).
 */
export interface BoardTarget {
  type: "board";
  boardId: string;
  ownerPath: string;
  member: boolean;
}

/** Who may act on a board, and as what. */
export type BoardDecision =
  { allowed: true; as: "member" | "moderator" } | { allowed: false; reason: "scope" | "two_factor" };

/** Who may act on an issue, and as what (the pages word their offers from it). */
export type IssueDecision =
  { allowed: true; as: "reporter" | "staff" | "admin" } | { allowed: false; reason: "scope" | "two_factor" };

/** Where a user sits in the tree: the groups they belong to and the nodes where they hold roles. */
export interface Placement {
  nodeId: string;
  nodePath: string;
  nodeName: string;
  via: "membership" | "role";
}

export interface UserTarget {
  type: "user";
  userId: string;
  primaryRole: RoleName;
  placements: readonly Placement[];
}

export interface NodeTarget {
  type: "node";
  nodeId: string;
  nodePath: string;
  kind: NodeKind;
  /** For an action that creates under this node: the kind of node being created. */
  childKind?: NodeKind;
}

/**
 * A content item as the resolver sees it, for one actor: whether it has reached their part of the
 * organisation (given to a node they administer, or any item for its editors), loaded for them.
 */
export interface ContentTarget {
  type: "content";
  itemId: string;
  reached: boolean;
}

/** One admin role a person holds at a node: the person and the node, each as a target. */
export interface GrantTarget {
  type: "grant";
  assignmentId: string;
  role: AdminRole;
  person: UserTarget;
  node: NodeTarget;
}

export type Target = UserTarget | NodeTarget | ContentTarget;

export type Decision =
  | { allowed: true; grant: RoleGrant; placement: Placement | null }
  // A rule open to support staff, allowed as staff (no role of theirs was needed).
  | { allowed: true; grant: null; placement: null }
  | { allowed: false; reason: Refusal };

/**
 * Why the resolver said no. "shared": the target is in reach, but is also placed (or holds a role)
 * somewhere the actor's grants do not cover, so their account is not the actor's to act on.
 */
export type Refusal = "role" | "scope" | "rank" | "shared" | "two_factor" | "permission";

function covers(grant: RoleGrant, path: string): boolean {
  return grant.role === "owner_admin" || path.startsWith(grant.nodePath);
}

/**
 * May `actor` do `action` to `target`? The one answer to every authorisation question. When it
 * allows, it says which of the actor's grants allowed it and which placement of the target lies
 * in that grant's subtree: the path the dashboard shows as "why can I see this".
 */
export function can(actor: Actor, action: IssueAction, target: IssueTarget): IssueDecision;
export function can(actor: Actor, action: BoardAction, target: BoardTarget): BoardDecision;
export function can(actor: Actor, action: GrantAction, target: GrantTarget): Decision;
export function can(actor: Actor, action: Action, target?: Target): Decision;
export function can(
  actor: Actor,
  action: Action | IssueAction | BoardAction | GrantAction,
  target?: Target | IssueTarget | BoardTarget | GrantTarget,
): Decision | IssueDecision | BoardDecision {
  if (target?.type === "issue") return decideOnIssue(actor, actionRules[action as IssueAction], target);
  if (target?.type === "board") return decideOnBoard(actor, actionRules[action as BoardAction], target);
  if (target?.type === "grant") return decideOnGrant(actor, actionRules[action as GrantAction], target);
  return decideOnTree(actor, action as Action, target);
}

/** A role held at a node: both the person and the node must allow what the rule names. */
function decideOnGrant(actor: Actor, rule: GrantRule, grant: GrantTarget): Decision {
  const person = decideOnTree(actor, rule.person, grant.person);
  if (!person.allowed) return person;
  return decideOnTree(actor, rule.node === "grant" ? grantAction(grant.role) : rule.node, grant.node);
}

/** Whether a member of staff reaches an issue: its unit (or one above it), its type and its account. */
export function staffReaches(
  staff: StaffReach,
  issue: Omit<IssueTarget, "type" | "issueId" | "scopePath" | "reporterId">,
) {
  if (!staff.units.some((unit) => issue.unitPath.startsWith(unit.nodePath))) return false;
  if (staff.typeIds.length > 0 && !staff.typeIds.includes(issue.typeId)) return false;
  if (staff.accounts.length === 0) return true;
  return staff.accounts.some((account) =>
    account.category === "distributor" ? account.nodeId === issue.marketId : account.nodeId === issue.customerId,
  );
}

function decideOnIssue(actor: Actor, rule: IssueRule, issue: IssueTarget): IssueDecision {
  if ("reporter" in rule && rule.reporter && issue.reporterId === actor.userId)
    return { allowed: true, as: "reporter" };
  // Staff and admin work both need two-step verification when the owner requires it of admins.
  const staffWork = "staff" in rule && rule.staff && actor.staff !== null && staffReaches(actor.staff, issue);
  const adminWork = (["treeAdmin", "unitAdmin"] as const).some((kind) => {
    const minRole = rule[kind];
    if (!minRole) return false;
    const path = kind === "treeAdmin" ? issue.scopePath : issue.unitPath;
    return actor.grants.some((grant) => roleRank[grant.role] >= roleRank[minRole] && covers(grant, path));
  });
  if (!staffWork && !adminWork) return { allowed: false, reason: "scope" };
  if (actor.awaitsTwoFactor) return { allowed: false, reason: "two_factor" };
  return { allowed: true, as: staffWork ? "staff" : "admin" };
}

function decideOnBoard(actor: Actor, rule: BoardRule, board: BoardTarget): BoardDecision {
  const minRole = rule.moderator;
  // Admins over the board's node moderate it by their role; a member holding the rule's permission
  // moderates the boards they are a member of, and no other.
  const moderates =
    minRole !== undefined &&
    (actor.grants.some((grant) => roleRank[grant.role] >= roleRank[minRole] && covers(grant, board.ownerPath)) ||
      (rule.memberModerates !== undefined && board.member && actor.permissions.has(rule.memberModerates)));
  // Moderating needs two-step verification when the owner requires it of admins; a member's own
  // reading and posting does not.
  if (moderates && !actor.awaitsTwoFactor) return { allowed: true, as: "moderator" };
  if ("member" in rule && rule.member && board.member) return { allowed: true, as: "member" };
  return { allowed: false, reason: moderates ? "two_factor" : "scope" };
}

function decideOnTree(actor: Actor, action: Action, target?: Target): Decision {
  const rule = actionRules[action];
  if (rule.target !== "none" && target?.type !== rule.target) {
    throw new Error(`scope: "${action}" must be asked about a ${rule.target}`);
  }
  const minRole = leastRole(rule, target);
  if (minRole === null) return { allowed: false, reason: "role" };
  if (actor.awaitsTwoFactor) return { allowed: false, reason: "two_factor" };
  if ("permission" in rule && !actor.permissions.has(rule.permission)) return { allowed: false, reason: "permission" };
  const eligible = actor.grants.filter((grant) => roleRank[grant.role] >= roleRank[minRole]);
  if (eligible.length === 0 && "staff" in rule && rule.staff && actor.staff !== null)
    return { allowed: true, grant: null, placement: null };
  if (eligible.length === 0) return { allowed: false, reason: "role" };
  // Owner grants first: the shortest explanation wins.
  eligible.sort((a, b) => roleRank[b.role] - roleRank[a.role]);

  if (rule.target === "none" || target === undefined) return { allowed: true, grant: eligible[0]!, placement: null };
  if (target.type === "content")
    return target.reached
      ? { allowed: true, grant: eligible[0]!, placement: null }
      : { allowed: false, reason: "scope" };

  if (target.type === "node") {
    const grant = eligible.find((g) => covers(g, target.nodePath));
    return grant ? { allowed: true, grant, placement: null } : { allowed: false, reason: "scope" };
  }

  const outranks = "targetRoleBelowGrant" in rule && rule.targetRoleBelowGrant;
  // The grants that may act on this target: high enough for the action and, where the rule says
  // so, above the target's own role (an owner admin's grant also reaches fellow owner admins).
  const acting = outranks
    ? eligible.filter(
        (grant) =>
          roleRank[target.primaryRole] < roleRank[grant.role] ||
          (grant.role === "owner_admin" && target.primaryRole === "owner_admin"),
      )
    : eligible;
  const reachOf = (grants: readonly RoleGrant[], placement: Placement) =>
    grants.find((g) => covers(g, placement.nodePath));
  const ownerGrant = acting.find((grant) => grant.role === "owner_admin");
  if (ownerGrant) return { allowed: true, grant: ownerGrant, placement: target.placements[0] ?? null };

  const reached = target.placements.map((placement) => ({ placement, grant: reachOf(acting, placement) }));
  const first = reached.find((r) => r.grant !== undefined);
  const everyInReach = target.placements.length > 0 && reached.every((r) => r.grant !== undefined);
  if (first?.grant && ("reach" in rule && rule.reach === "every" ? everyInReach : true))
    return { allowed: true, grant: first.grant, placement: first.placement };
  if (first) return { allowed: false, reason: "shared" };
  // Nothing in reach for acting: outranked if a grant of the right level reaches them at all.
  return { allowed: false, reason: target.placements.some((p) => reachOf(eligible, p)) ? "rank" : "scope" };
}

/** A sentence for a person: why the resolver refused (for the pages and the API's FORBIDDEN). */
export function refusalSentence(reason: Refusal): string {
  switch (reason) {
    case "rank":
      return "This user holds a role as high as yours or higher: an administrator above you manages them.";
    case "shared":
      return "This person is also a member of a group, or holds a role, outside your scope: only an administrator whose scope covers all of it can change their account.";
    case "two_factor":
      return "Set up two-step verification first (Security, in the portal's menu).";
    case "permission":
      return "This needs a permission you have not been given.";
    default:
      return "You do not have access to this.";
  }
}

/**
 * Whether the actor holds a role high enough for `action` anywhere: for showing or hiding a
 * control. The answer for a real target still comes from `can`.
 */
export function holdsRoleFor(actor: Actor, action: Action): boolean {
  const rule = actionRules[action];
  if ("staff" in rule && rule.staff && actor.staff !== null) return true;
  if (typeof rule.minRole !== "string")
    throw new Error(`scope: "${action}" depends on the kind of node; ask can() with a target`);
  const minRole = rule.minRole;
  return actor.grants.some((grant) => roleRank[grant.role] >= roleRank[minRole]);
}

/** The admin roles the actor may grant somewhere (which nodes: the pickers ask `can` per node). */
export function grantableRoles(actor: Actor): AdminRole[] {
  const roles = ["group_admin", "customer_admin", "market_admin", "owner_admin"] as const;
  return roles.filter((role) => holdsRoleFor(actor, grantAction(role)));
}

/** The least role an action needs, for this target when it depends on the kind of node; null: nobody. */
function leastRole(rule: (typeof actionRules)[Action], target: Target | undefined): AdminRole | null {
  if (typeof rule.minRole === "string") return rule.minRole;
  if (target?.type !== "node") throw new Error("scope: a per-kind rule must be asked about a node");
  const kind = "kindOf" in rule ? target.childKind : target.kind;
  if (kind === undefined) throw new Error("scope: say which kind of node is being created");
  return (rule.minRole as Partial<Record<NodeKind, AdminRole>>)[kind] ?? null;
}

/**
 * The grants whose subtrees the actor administers with at least `minRole`, without those nested
 * inside another (they add nothing); "all" for an owner admin.
 */
export function administeredGrants(actor: Actor, minRole: AdminRole = "group_admin"): "all" | RoleGrant[] {
  const eligible = actor.grants.filter((grant) => roleRank[grant.role] >= roleRank[minRole]);
  if (eligible.some((grant) => grant.role === "owner_admin")) return "all";
  const byPath = [...new Map(eligible.map((grant) => [grant.nodePath, grant])).values()].sort((a, b) =>
    a.nodePath.localeCompare(b.nodePath),
  );
  return byPath.filter((grant, i) => !byPath.slice(0, i).some((outer) => grant.nodePath.startsWith(outer.nodePath)));
}
