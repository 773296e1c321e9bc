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
  "settings.manage": { minRole: "owner_admin", target: "none" },
  "email.sendTest": { minRole: "owner_admin", target: "none" },
} as const satisfies Record<string, { minRole: AdminRole; target: "none" | "user" | "node" }>;

export type Action = keyof typeof actionRules;
