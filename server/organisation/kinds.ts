import type { NodeKind } from "../db/schema";

/** How each kind of node is named in messages (lower case) and on screen (title case). */
export const kindLabel: Record<NodeKind, string> = {
  owner: "owner",
  market: "market",
  customer: "customer",
  internal: "internal organisation",
  group: "user group",
};

export const kindTitle: Record<NodeKind, string> = {
  owner: "Owner",
  market: "Market",
  customer: "Customer",
  internal: "Internal organisation",
  group: "User group",
};
