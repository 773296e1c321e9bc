import { describe, expect, it } from "vitest";
import { administeredGrants, can, type Actor, type RoleGrant, type UserTarget } from "./resolver";
import type { Action } from "./actions";

// A small tree: owner O › market M1 › customer C1 › group G1, G2; market M2 › customer C2 › group G3.
const path = {
  O: "/o/",
  M1: "/o/m1/",
  C1: "/o/m1/c1/",
  G1: "/o/m1/c1/g1/",
  G2: "/o/m1/c1/g2/",
  M2: "/o/m2/",
  C2: "/o/m2/c2/",
  G3: "/o/m2/c2/g3/",
};
const grant = (role: RoleGrant["role"], at: keyof typeof path): RoleGrant => ({
  role,
  nodeId: at,
  nodePath: path[at],
  nodeName: at,
});
const actor = (...grants: RoleGrant[]): Actor => ({
  userId: "actor",
  primaryRole: grants[0]?.role ?? "product_user",
  grants,
  permissions: new Set(),
  awaitsTwoFactor: false,
  staff: null,
});
const userIn = (...at: (keyof typeof path)[]): UserTarget => withRole("product_user", ...at);
const withRole = (primaryRole: UserTarget["primaryRole"], ...at: (keyof typeof path)[]): UserTarget => ({
  type: "user",
  userId: "target",
  primaryRole,
  placements: at.map((node) => ({ nodeId: node, nodePath: path[node], nodeName: node, via: "membership" as const })),
});

const owner = actor(grant("owner_admin", "O"));
const marketAdmin = actor(grant("market_admin", "M1"));
const customerAdmin = actor(grant("customer_admin", "C1"));
const groupAdmin = actor(grant("group_admin", "G1"));
const productUser = actor();
const twoGroups = actor(grant("group_admin", "G1"), grant("group_admin", "G3"));

const table: [string, Actor, Action, UserTarget | undefined, boolean][] = [
  // role, action, target, expected
  ["owner opens the dashboard", owner, "dashboard.open", undefined, true],
  ["market admin opens the dashboard", marketAdmin, "dashboard.open", undefined, true],
  ["customer admin opens the dashboard", customerAdmin, "dashboard.open", undefined, true],
  ["group admin opens the dashboard", groupAdmin, "dashboard.open", undefined, true],
  ["product user does not open the dashboard", productUser, "dashboard.open", undefined, false],
  ["owner manages settings", owner, "settings.manage", undefined, true],
  ["market admin does not manage settings", marketAdmin, "settings.manage", undefined, false],
  ["customer admin does not send test email", customerAdmin, "email.sendTest", undefined, false],
  ["owner sends test email", owner, "email.sendTest", undefined, true],
  ["owner reads a user anywhere", owner, "user.read", userIn("G3"), true],
  ["owner reads a user with no placement", owner, "user.read", userIn(), true],
  ["market admin reads a user in their market's group", marketAdmin, "user.read", userIn("G2"), true],
  ["market admin reads a user at a customer of their market", marketAdmin, "user.read", userIn("C1"), true],
  ["market admin cannot read a user of another market", marketAdmin, "user.read", userIn("G3"), false],
  ["market admin cannot read a user with no placement", marketAdmin, "user.read", userIn(), false],
  ["customer admin reads a user in their groups", customerAdmin, "user.read", userIn("G1"), true],
  ["customer admin cannot read a user at the market level", customerAdmin, "user.read", userIn("M1"), false],
  ["customer admin cannot read a user of another customer", customerAdmin, "user.read", userIn("G3"), false],
  ["group admin reads a member of their group", groupAdmin, "user.read", userIn("G1"), true],
  ["group admin cannot read a member of a sibling group", groupAdmin, "user.read", userIn("G2"), false],
  ["group admin reads someone in their group and elsewhere", groupAdmin, "user.read", userIn("G3", "G1"), true],
  ["product user cannot read anyone", productUser, "user.read", userIn("G1"), false],
  ["scopes add up across grants", twoGroups, "user.read", userIn("G3"), true],
  ["added-up scopes still end", twoGroups, "user.read", userIn("G2"), false],
  ["customer admin manages a product user of their customer", customerAdmin, "user.account", userIn("G1"), true],
  // Fellow administrators of one rank are managed from the level above; owner admins excepted.
  [
    "customer admin cannot manage a fellow customer admin",
    customerAdmin,
    "user.account",
    withRole("customer_admin", "C1"),
    false,
  ],
  [
    "customer admin cannot place a fellow customer admin in a group",
    customerAdmin,
    "user.membership",
    withRole("customer_admin", "C1"),
    false,
  ],
  [
    "customer admin still reads a fellow customer admin",
    customerAdmin,
    "user.read",
    withRole("customer_admin", "C1"),
    true,
  ],
  [
    "market admin manages a customer admin of their market",
    marketAdmin,
    "user.account",
    withRole("customer_admin", "C1"),
    true,
  ],
  [
    "market admin cannot manage another market admin",
    marketAdmin,
    "user.account",
    withRole("market_admin", "M1"),
    false,
  ],
  [
    "market admin cannot place another market admin",
    marketAdmin,
    "user.membership",
    withRole("market_admin", "M1"),
    false,
  ],
  ["group admin cannot manage a fellow group admin", groupAdmin, "user.account", withRole("group_admin", "G1"), false],
  ["owner manages a market admin", owner, "user.account", withRole("market_admin", "M1"), true],
  [
    "customer admin cannot manage a market admin placed in their customer",
    customerAdmin,
    "user.account",
    withRole("market_admin", "M1", "C1"),
    false,
  ],
  [
    "customer admin still reads that market admin",
    customerAdmin,
    "user.read",
    withRole("market_admin", "M1", "C1"),
    true,
  ],
  [
    "group admin cannot manage a customer admin in their group",
    groupAdmin,
    "user.account",
    withRole("customer_admin", "G1"),
    false,
  ],
  ["owner manages another owner admin", owner, "user.account", withRole("owner_admin"), true],
  [
    "market admin cannot manage an owner admin in their market",
    marketAdmin,
    "user.account",
    withRole("owner_admin", "G1"),
    false,
  ],
  [
    "customer admin places a person who is also in another market's group",
    customerAdmin,
    "user.membership",
    userIn("G1", "G3"),
    true,
  ],
  [
    "customer admin cannot act on the account of a person also in another market's group",
    customerAdmin,
    "user.account",
    userIn("G1", "G3"),
    false,
  ],
  [
    "market admin cannot act on the account of a customer admin of another market in their group",
    marketAdmin,
    "user.account",
    withRole("customer_admin", "G1", "C2"),
    false,
  ],
  ["added-up scopes cover a person placed in both", twoGroups, "user.account", userIn("G1", "G3"), true],
  ["owner acts on any account, however placed", owner, "user.account", withRole("customer_admin", "G1", "C2"), true],
  ["nobody but the owner acts on an account placed nowhere", marketAdmin, "user.account", userIn(), false],
  ["a group admin reads the feedback of their people", groupAdmin, "feedback.read", undefined, true],
  ["a product user reads no feedback", productUser, "feedback.read", undefined, false],
  ["the owner's editors mark feedback handled", owner, "feedback.handle", undefined, true],
  ["a market admin does not mark feedback handled", marketAdmin, "feedback.handle", undefined, false],
];

describe("can(actor, action, target)", () => {
  it.each(table)("%s", (_label, who, action, target, expected) => {
    expect(can(who, action, target).allowed).toBe(expected);
  });

  it("explains an allowed answer with the grant and the placement that connect them", () => {
    const decision = can(marketAdmin, "user.read", userIn("G3", "G2"));
    expect(decision).toEqual({
      allowed: true,
      grant: grant("market_admin", "M1"),
      placement: expect.objectContaining({ nodeId: "G2" }),
    });
  });

  it("says why it refuses: no role at all, a role that does not reach the target, or a target ranked higher", () => {
    expect(can(productUser, "user.read", userIn("G1"))).toEqual({ allowed: false, reason: "role" });
    expect(can(groupAdmin, "user.read", userIn("G2"))).toEqual({ allowed: false, reason: "scope" });
    expect(can(groupAdmin, "user.account", withRole("market_admin", "G1"))).toEqual({ allowed: false, reason: "rank" });
  });

  it("says when an account is shared with a tenant outside the actor's scope", () => {
    expect(can(customerAdmin, "user.account", userIn("G1", "G3"))).toEqual({ allowed: false, reason: "shared" });
    expect(can(customerAdmin, "user.read", userIn("G1", "G3"))).toMatchObject({ allowed: true });
  });

  it("refuses to answer a user action asked without a user", () => {
    expect(() => can(owner, "user.read")).toThrow(/must be asked about a user/);
  });

  it("does not let a path that merely shares a prefix of characters count as inside", () => {
    const lookalike: UserTarget = {
      type: "user",
      userId: "t",
      primaryRole: "product_user",
      placements: [{ nodeId: "x", nodePath: "/o/m1x/", nodeName: "x", via: "membership" }],
    };
    expect(can(marketAdmin, "user.read", lookalike).allowed).toBe(false);
  });
});

describe("can(actor, action, issue)", () => {
  const issue = {
    type: "issue" as const,
    issueId: "i",
    typeId: "complaint",
    unitId: "U",
    unitPath: "/o/u/",
    scopePath: path.G1,
    customerId: "C1",
    marketId: "M1",
    reporterId: "reporter",
  };
  const staff = (typeIds: string[], accounts: { nodeId: string; category: "customer" | "distributor" }[]): Actor => ({
    ...actor(),
    userId: "staff",
    staff: { units: [{ nodeId: "U", nodePath: "/o/u/" }], typeIds, accounts },
  });
  const reporter: Actor = { ...actor(), userId: "reporter" };

  it("adding a file: the reporter and the staff who reach the issue; admins only read along", () => {
    expect(can(reporter, "support.attach", issue)).toEqual({ allowed: true, as: "reporter" });
    expect(can(staff([], []), "support.attach", issue)).toEqual({ allowed: true, as: "staff" });
    expect(can(staff(["question"], []), "support.attach", issue).allowed).toBe(false);
    expect(can(staff([], [{ nodeId: "C2", category: "customer" }]), "support.attach", issue).allowed).toBe(false);
    expect(can(staff([], [{ nodeId: "M1", category: "distributor" }]), "support.attach", issue).allowed).toBe(true);
    expect(can(customerAdmin, "support.attach", issue).allowed).toBe(false);
    expect(can(customerAdmin, "support.read", issue)).toEqual({ allowed: true, as: "admin" });
    expect(can(actor(grant("customer_admin", "C2")), "support.read", issue).allowed).toBe(false);
  });
});

describe("administeredGrants", () => {
  const paths = (grants: ReturnType<typeof administeredGrants>) =>
    grants === "all" ? "all" : grants.map((g) => g.nodePath);

  it("is everything for an owner admin, nothing for a product user", () => {
    expect(administeredGrants(owner)).toBe("all");
    expect(administeredGrants(productUser)).toEqual([]);
  });

  it("drops subtrees already covered by a wider grant", () => {
    const both = actor(grant("market_admin", "M1"), grant("group_admin", "G1"), grant("group_admin", "G3"));
    expect(paths(administeredGrants(both))).toEqual([path.M1, path.G3]);
  });

  it("keeps only grants that reach the required role", () => {
    const both = actor(grant("customer_admin", "C1"), grant("group_admin", "G3"));
    expect(paths(administeredGrants(both, "customer_admin"))).toEqual([path.C1]);
  });
});
