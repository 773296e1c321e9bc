import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

describe("organisation.treeLevel", () => {
  it("starts an owner admin at the owner, with everyone counted by status", async () => {
    const top = await callerFor(db, demo.users.owner).organisation.treeLevel({});
    expect(top.nodes).toEqual([
      expect.objectContaining({
        name: "Helix Medical",
        kind: "owner",
        hasChildren: true,
        counts: { total: 10, not_invited: 1, invited: 1, active: 8, suspended: 1, locked: 0 },
      }),
    ]);
  });

  it("starts a market admin at their market and counts the users below each child", async () => {
    const market = callerFor(db, demo.users.market);
    const top = await market.organisation.treeLevel({});
    expect(top.nodes.map((n) => n.name)).toEqual(["Nordics"]);
    const children = await market.organisation.treeLevel({ parentId: demo.nodes.nordics });
    expect(children.path.map((p) => p.name)).toEqual(["Helix Medical", "Nordics"]);
    expect(children.nodes.map((n) => [n.name, n.counts.total])).toEqual([
      ["St Olav University Hospital", 6],
      ["Nordic market team", 1],
    ]);
  });

  it("refuses a node outside the scope as NOT_FOUND, with no data", async () => {
    await expect(
      callerFor(db, demo.users.market).organisation.treeLevel({ parentId: demo.nodes.iberia }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(db, demo.users.customer).organisation.treeLevel({ parentId: demo.nodes.nordics }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(db, demo.users.group).organisation.treeLevel({ parentId: demo.nodes.stOlav }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(db, demo.users.product).organisation.treeLevel({ parentId: demo.nodes.cardiology }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("opens a node inside the scope for a group admin", async () => {
    const level = await callerFor(db, demo.users.group).organisation.treeLevel({ parentId: demo.nodes.cardiology });
    expect(level.nodes).toEqual([]);
  });
});

describe("organisation.nodesInScope (the pickers)", () => {
  it("lists only the groups in the actor's scope", async () => {
    const names = async (who: keyof DemoInstallation["users"]) =>
      (await callerFor(db, demo.users[who]).organisation.nodesInScope({ kind: "group" })).map((g) => g.name).sort();
    expect(await names("owner")).toEqual([
      "Cardiology nurses",
      "Clinical trainers",
      "Endoscopy unit",
      "Nordic market team",
      "OR technicians",
      "Surgeons",
    ]);
    expect(await names("market")).toEqual(["Cardiology nurses", "Nordic market team", "OR technicians"]);
    expect(await names("customer")).toEqual(["Cardiology nurses", "OR technicians"]);
    expect(await names("group")).toEqual(["Cardiology nurses"]);
    await expect(callerFor(db, demo.users.product).organisation.nodesInScope({ kind: "group" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("searches group names, treating wildcards as text", async () => {
    const owner = callerFor(db, demo.users.owner);
    expect((await owner.organisation.nodesInScope({ kind: "group", search: "nurse" })).map((g) => g.name)).toEqual([
      "Cardiology nurses",
    ]);
    expect(await owner.organisation.nodesInScope({ kind: "group", search: "%" })).toEqual([]);
  });
});

describe("organisation.nodesInScope for granting roles", () => {
  it("offers customers only to admins who may grant customer admin there, and markets only to the owner", async () => {
    const names = async (
      who: keyof DemoInstallation["users"],
      input: Parameters<ReturnType<typeof callerFor>["organisation"]["nodesInScope"]>[0],
    ) => (await callerFor(db, demo.users[who]).organisation.nodesInScope(input)).map((n) => n.name);
    expect(await names("customer", { kind: "customer", purpose: "grantLocal" })).toEqual([
      "St Olav University Hospital",
    ]);
    expect(await names("group", { kind: "group", purpose: "grantLocal" })).toEqual([]);
    expect(await names("market", { kind: "market", purpose: "grantTop" })).toEqual([]);
    expect(await names("owner", { kind: "market", purpose: "grantTop" })).toEqual(["Iberia", "Nordics"]);
  });
});
