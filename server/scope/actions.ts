import type { NodeKind, Permission } from "../db/schema";
import type { AdminRole } from "./roles";

/**
 * The catalogue of everything the scope resolver can be asked about: the capability table of
 * docs/organisation-and-roles.md, one line per action. Each action names the least role that may do it and what it
 * acts on: nothing in particular ("none"), a user, or a node. For a user or node target, the role
 * must be held at a node whose subtree contains the target. Where the least role depends on the
 * kind of node acted on, `minRole` lists it per kind; a kind left out is refused to everyone.
 */
export const actionRules = {
  // The dashboard: admins, and support staff (who may hold no role) for their inbox.
  "dashboard.open": { minRole: "group_admin", target: "none", staff: true },
  "users.list": { minRole: "group_admin", target: "none" },
  // Acting on many people at once (bulk actions, a CSV import): each person or group is then asked
  // about on its own (user.account, user.membership, user.create).
  "users.bulk": { minRole: "group_admin", target: "none" },
  "users.import": { minRole: "group_admin", target: "none" },
  // Seeing another admin's bulk operation (its progress and outcomes) and cancelling it: admins at
  // or above the node it was started for.
  "bulk.read": { minRole: "group_admin", target: "node" },
  "user.read": { minRole: "group_admin", target: "user" },
  // Taking everything held about a person (GDPR Articles 15 and 20) for them: owner admins only.
  "user.exportData": { minRole: "owner_admin", target: "user" },
  // Acting on a user also needs the target's role to be no higher than the role of the grant that
  // reaches them: a customer admin cannot suspend a market admin. The actions come in two kinds.
  // Membership (placing the person in a group, giving them a role or content here): a grant that
  // reaches one placement, as the node acted on is checked on its own.
  "user.membership": { minRole: "group_admin", target: "user", targetRoleBelowGrant: true },
  // The account itself (login email, password or invitation link, suspension, deletion, unlock,
  // personal data, photo, sessions) is shared by every tenant the person is placed in: only grants
  // that cover every placement and every role of theirs may touch it, so an admin of one hospital
  // cannot take over someone who also administers another. Two-step reset is one of them.
  "user.account": { minRole: "group_admin", target: "user", targetRoleBelowGrant: true, reach: "every" },
  // Adding a user to a group, creating one there, removing one from it: the group must be in reach.
  "user.create": { minRole: "group_admin", target: "node" },
  "group.members": { minRole: "group_admin", target: "node" },
  "node.read": { minRole: "group_admin", target: "node" },
  // Creating under a parent node (the target): groups from customer admin up, customers from
  // market admin up; markets and internal organisations only by the owner.
  "node.create": {
    minRole: { group: "customer_admin", customer: "market_admin", market: "owner_admin", internal: "owner_admin" },
    target: "node",
    kindOf: "child",
  },
  // Editing a node's profile: a customer admin their own customer, a market admin their market.
  "node.edit": {
    minRole: {
      group: "customer_admin",
      customer: "customer_admin",
      market: "market_admin",
      internal: "owner_admin",
      owner: "owner_admin",
    },
    target: "node",
  },
  // Archiving, restoring and deleting: one level above the node's own admins; the owner never.
  "node.remove": {
    minRole: { group: "customer_admin", customer: "market_admin", market: "owner_admin", internal: "owner_admin" },
    target: "node",
  },
  "customer.move": { minRole: "owner_admin", target: "node" },
  // Importing the organisation from a file: customer admins and up; each line is then asked about
  // as the node.create or node.edit it is.
  "organisation.import": { minRole: "customer_admin", target: "none" },
  // Granting and revoking roles: group and customer admin by customer admins and up, in their
  // scope; market and owner admin only by an owner admin (see grantAction).
  "role.grantLocal": { minRole: "customer_admin", target: "node" },
  "role.grantTop": { minRole: "owner_admin", target: "node" },
  // One role a person holds at a node: seen by who sees both the person and the node; revoked by
  // who may place the person and grant that role there.
  "role.read": { target: "grant", person: "user.read", node: "node.read" },
  "role.revoke": { target: "grant", person: "user.membership", node: "grant" },
  // Permission groups (named sets of operations on top of roles): owner admins define them and
  // put people in them, never themselves (server/users/placements.ts).
  "permissionGroup.manage": { minRole: "owner_admin", target: "none" },
  "permissionGroup.assign": { minRole: "owner_admin", target: "user" },
  // Registration requests: customer admins and up see and decide those for facilities in their
  // scope (the target is the facility, or the owner node for a request routed nowhere), and
  // place the people in groups in their scope.
  "registration.list": { minRole: "customer_admin", target: "none" },
  "registration.review": { minRole: "customer_admin", target: "node" },
  // Deciding a selection of requests: each is then asked about through its facility (registration.review).
  "registration.decide": { minRole: "customer_admin", target: "none" },
  // Content: the owner's admins create and edit it; approving and publishing a version also need
  // the permission, granted explicitly through a permission group, even to owner admins.
  "content.manage": { minRole: "owner_admin", target: "none" },
  "content.approve": { minRole: "owner_admin", target: "none", permission: "content.approve" },
  "content.publish": { minRole: "owner_admin", target: "none", permission: "content.publish" },
  // Passing content on, one level down: the owner to markets and internal organisations (and
  // anywhere), market admins to the customers (and groups) of their markets, customer admins to
  // their groups and to single users. What may be passed is the domain's rule (server/content).
  "content.distribute": { minRole: "customer_admin", target: "none" },
  "content.assign": {
    minRole: { market: "owner_admin", internal: "owner_admin", customer: "market_admin", group: "customer_admin" },
    target: "node",
  },
  "content.assignUser": { minRole: "customer_admin", target: "user" },
  // Passing on one item, or reading where it went: an item that has not reached the actor's part
  // of the organisation (any item, for its editors) does not exist for them.
  "content.passOn": { minRole: "customer_admin", target: "content" },
  // Recording who attended a teacher-led session (training evidence): the admins who pass content
  // on, for people in their scope.
  "session.attendance": { minRole: "customer_admin", target: "user" },
  // Feedback on content: each admin reads that of the people in their scope; content editors
  // (owner admins) read all of it and mark comments handled.
  "feedback.read": { minRole: "group_admin", target: "none" },
  "feedback.handle": { minRole: "owner_admin", target: "none" },
  // Progress reports: each admin over the groups in their scope.
  "report.read": { minRole: "group_admin", target: "none" },
  "audit.read": { minRole: "group_admin", target: "none" },
  // Checking the audit trail's hash chain: it says whether the trail is intact (and where it first
  // is not), nothing of the entries, but it spans the installation and a whole check costs seconds:
  // owner admins run it; other admins read the latest result (audit.read).
  "audit.verify": { minRole: "owner_admin", target: "none" },
  "settings.manage": { minRole: "owner_admin", target: "none" },
  // Support issues. Staff (people placed in a handling unit, see StaffReach) handle the issues
  // their units, issue types and assigned accounts reach; admins read those of the people in their
  // part of the tree (customer admin and up); a reporter follows their own.
  "support.configure": { minRole: "owner_admin", target: "none" },
  "support.staff": { minRole: "owner_admin", target: "user" },
  // Opening the inbox or exporting: staff, or admins who may read issues somewhere. Each row is in
  // reach by the same test as support.read, written as SQL (server/support/reach.ts).
  "support.inbox": { minRole: "customer_admin", target: "none", staff: true },
  "support.export": { minRole: "customer_admin", target: "none", staff: true },
  // Reassigning a selection (the issues of a suspended handler): each is then asked about as
  // support.assign.
  "support.reassign": { minRole: "market_admin", target: "none", staff: true },
  "support.read": { target: "issue", treeAdmin: "customer_admin", staff: true, reporter: true },
  // The maker's side of the handling (internal notes and files, who handles it, the reportability
  // decision): the staff who handle it and the admins of its handling unit, never the reporter's
  // own organisation.
  "support.readInternal": { target: "issue", staff: true, unitAdmin: "market_admin" },
  "support.handle": { target: "issue", staff: true },
  "support.close": { target: "issue", staff: true },
  // Assigning: staff who reach the issue, and the admins of its handling unit (owner admins for
  // an internal organisation, market admins for their market's own support).
  "support.assign": { target: "issue", staff: true, unitAdmin: "market_admin" },
  // What the reporter does on their own issue: reply, reopen (within the period).
  "support.follow": { target: "issue", reporter: true },
  // Adding a file: the reporter, and the staff who handle the issue (admins only read along).
  "support.attach": { target: "issue", reporter: true, staff: true },
  "email.sendTest": { minRole: "owner_admin", target: "none" },
  // Community boards: created by an admin at a node they administer (their level), which makes
  // them and the admins above it its moderators.
  "board.create": { minRole: "group_admin", target: "node" },
  "board.list": { minRole: "group_admin", target: "none" },
  // Reading and posting: its members (the people of the nodes it was given to, and the people it
  // was given to) and its moderators.
  // A member holding the boards.moderate permission moderates the boards they are a member of.
  "board.read": { target: "board", member: true, moderator: "group_admin", memberModerates: "boards.moderate" },
  "board.post": { target: "board", member: true, moderator: "group_admin", memberModerates: "boards.moderate" },
  // Pinning, locking, hiding, removing, the reports, giving it to nodes and people.
  "board.moderate": { target: "board", moderator: "group_admin", memberModerates: "boards.moderate" },
} as const satisfies Record<string, ActionRule | IssueRule | BoardRule | GrantRule>;

/**
 * An action on one role a person holds at a node: decided as `person` on the person and `node` on
 * the node ("grant": the action that granting that role is, see grantAction).
 */
export interface GrantRule {
  target: "grant";
  person: "user.read" | "user.membership";
  node: "node.read" | "grant";
}

/**
 * An action on one community board: allowed to its members (when `member`) and to admins of at
 * least `moderator` whose grant covers the node the board was created at.
 */
export interface BoardRule {
  target: "board";
  member?: true;
  moderator?: AdminRole;
  /** A permission that makes a member of the board one of its moderators (on top of their role). */
  memberModerates?: Permission;
}

/**
 * An action on one support issue: allowed to its reporter, to staff whose reach covers it, to
 * admins whose grant (of at least `treeAdmin`) covers where the reporter sat, or to admins of at
 * least `unitAdmin` whose grant covers the issue's handling unit.
 */
export interface IssueRule {
  target: "issue";
  reporter?: true;
  staff?: true;
  treeAdmin?: AdminRole;
  unitAdmin?: AdminRole;
}

interface ActionRule {
  minRole: AdminRole | Partial<Record<NodeKind, AdminRole>>;
  /** A permission the actor must also hold (from a permission group). */
  permission?: Permission;
  target: "none" | "user" | "node" | "content";
  /**
   * For a user target: the target's role must be below the role of the grant that reaches them.
   * Fellow administrators of one rank are managed from the level above (a market admin cannot
   * manage another market admin, nor a customer admin a fellow customer admin), except owner
   * admins, above whom there is nobody.
   */
  targetRoleBelowGrant?: boolean;
  /** For a user target: whether one placement in reach is enough (the default) or every one must be. */
  reach?: "one" | "every";
  /** For a per-kind minRole: whether the kind is the target node's own or that of a child being created. */
  kindOf?: "child";
  /** Also allowed to staff of any handling unit (support), whatever their roles. */
  staff?: true;
}

/** The actions asked about one support issue (`can` with an IssueTarget). */
export type IssueAction = {
  [A in AnyAction]: (typeof actionRules)[A] extends { target: "issue" } ? A : never;
}[AnyAction];
/** The actions asked about one community board (`can` with a BoardTarget). */
export type BoardAction = {
  [A in AnyAction]: (typeof actionRules)[A] extends { target: "board" } ? A : never;
}[AnyAction];
/** The actions asked about one role a person holds (`can` with a GrantTarget). */
export type GrantAction = {
  [A in AnyAction]: (typeof actionRules)[A] extends { target: "grant" } ? A : never;
}[AnyAction];
/** The actions asked about nothing in particular, a user, a node of the tree or a content item. */
export type Action = Exclude<AnyAction, IssueAction | BoardAction | GrantAction>;
/** Every action there is. */
export type AnyAction = keyof typeof actionRules;

/** The action that granting or revoking `role` is. */
export function grantAction(role: AdminRole): "role.grantLocal" | "role.grantTop" {
  return role === "group_admin" || role === "customer_admin" ? "role.grantLocal" : "role.grantTop";
}
