import type { AdminRole } from "./roles";

/**
 * The catalogue of everything the scope resolver can be asked about. Each action names the least
 * role that may do it and what it acts on: nothing in particular ("none"), a user, or a node.
 * For a user or node target, the role must be held at a node whose subtree contains the target.
 */
export const actionRules = {
  "dashboard.open": { minRole: "group_admin", target: "none" },
  "users.list": { minRole: "group_admin", target: "none" },
  "user.read": { minRole: "group_admin", target: "user" },
  // Acting on a user (suspend, unlock, edit, delete) also needs the target's role to be no higher
  // than the role of the grant that reaches them: a customer admin cannot suspend a market admin.
  "user.manage": { minRole: "group_admin", target: "user", targetRoleAtMostGrant: true },
  "user.create": { minRole: "group_admin", target: "node" },
  "node.read": { minRole: "group_admin", target: "node" },
  "audit.read": { minRole: "group_admin", target: "none" },
  "settings.manage": { minRole: "owner_admin", target: "none" },
  "email.sendTest": { minRole: "owner_admin", target: "none" },
} as const satisfies Record<string, ActionRule>;

interface ActionRule {
  minRole: AdminRole;
  target: "none" | "user" | "node";
  targetRoleAtMostGrant?: boolean;
}

export type Action = keyof typeof actionRules;
