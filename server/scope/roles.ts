import type { NodeKind, RoleName } from "../db/schema";

export type AdminRole = Exclude<RoleName, "product_user">;

/** Higher rank, wider reach. Nobody may grant a role ranked above their own. */
export const roleRank: Record<RoleName, number> = {
  product_user: 0,
  group_admin: 1,
  customer_admin: 2,
  market_admin: 3,
  owner_admin: 4,
};

/** Each admin role is held at one kind of node; its scope is that node's subtree. */
export const roleNodeKind: Record<AdminRole, NodeKind> = {
  group_admin: "group",
  customer_admin: "customer",
  market_admin: "market",
  owner_admin: "owner",
};

export const roleLabel: Record<RoleName, string> = {
  product_user: "Product user",
  group_admin: "Group admin",
  customer_admin: "Customer admin",
  market_admin: "Market admin",
  owner_admin: "Owner admin",
};

export function highestRole(roles: Iterable<RoleName>): RoleName {
  let best: RoleName = "product_user";
  for (const role of roles) if (roleRank[role] > roleRank[best]) best = role;
  return best;
}
