import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, nodes } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures, matrixActors, type MatrixActor } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const as = (actor: MatrixActor) => callerFor(db, demo.users[actor]);
let counter = 0;
const name = (prefix: string) => `${prefix} ${++counter}`;

async function node(id: string) {
  const [row] = await db.select().from(nodes).where(eq(nodes.id, id));
  return row;
}

/** Everything refused leaves the database as it was. */
async function expectRefused(call: () => Promise<unknown>, codes: RegExp = /^(NOT_FOUND|FORBIDDEN)$/) {
  const before = await snapshot();
  await expect(call()).rejects.toMatchObject({ code: expect.stringMatching(codes) });
  expect(await snapshot()).toEqual(before);
}

describe("who creates what, where (the capability table)", () => {
  it("an owner admin creates markets, internal organisations, customers (under a market or the owner) and groups", async () => {
    const owner = as("owner");
    const { nodeId: market } = await owner.organisation.create({
      parentId: demo.nodes.owner,
      kind: "market",
      name: name("Benelux"),
      description: "Distributor",
    });
    const { nodeId: internal } = await owner.organisation.create({
      parentId: demo.nodes.owner,
      kind: "internal",
      name: name("R&D"),
    });
    const { nodeId: customer } = await owner.organisation.create({
      parentId: market,
      kind: "customer",
      name: name("UZ Leuven"),
      customFields: { beds: "1995", tier: "Gold" },
    });
    const { nodeId: direct } = await owner.organisation.create({
      parentId: demo.nodes.owner,
      kind: "customer",
      name: name("Direct clinic"),
    });
    const { nodeId: group } = await owner.organisation.create({ parentId: customer, kind: "group", name: name("ICU") });
    expect((await node(customer))?.customFields).toEqual({
      account_number: null,
      beds: 1995,
      contract_renewal: null,
      tier: "Gold",
    });
    expect((await node(group))?.path).toBe(`/${demo.nodes.owner}/${market}/${customer}/${group}/`);
    expect([(await node(internal))?.kind, (await node(direct))?.parentId]).toEqual(["internal", demo.nodes.owner]);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, group), eq(auditLog.action, "node.created")));
    expect(entry).toMatchObject({ actorId: demo.users.owner, targetType: "node" });
  });

  it("a market admin creates customers and groups under their market, but no market", async () => {
    const market = as("market");
    const { nodeId: customer } = await market.organisation.create({
      parentId: demo.nodes.nordics,
      kind: "customer",
      name: name("Karolinska"),
    });
    await market.organisation.create({ parentId: customer, kind: "group", name: name("Radiology") });
    await market.organisation.create({ parentId: demo.nodes.nordics, kind: "group", name: name("Market trainers") });
    await expectRefused(() =>
      market.organisation.create({ parentId: demo.nodes.owner, kind: "market", name: "Baltics" }),
    );
    await expectRefused(() =>
      market.organisation.create({ parentId: demo.nodes.iberia, kind: "customer", name: "Hospital de Santa Maria" }),
    );
  });

  it("a customer admin creates groups under their customer, but no customer", async () => {
    const customer = as("customer");
    await customer.organisation.create({ parentId: demo.nodes.stOlav, kind: "group", name: name("Midwives") });
    await expectRefused(() =>
      customer.organisation.create({ parentId: demo.nodes.nordics, kind: "customer", name: "Haukeland" }),
    );
    await expectRefused(() =>
      customer.organisation.create({ parentId: demo.nodes.royalDevon, kind: "group", name: "Theatre" }),
    );
  });

  it("escalation: a group admin cannot create a group, not even beside their own", async () => {
    await expectRefused(() =>
      as("group").organisation.create({ parentId: demo.nodes.stOlav, kind: "group", name: "Shadow group" }),
    );
    await expectRefused(
      () => as("group").organisation.create({ parentId: demo.nodes.cardiology, kind: "group", name: "Sub group" }),
      /^(NOT_FOUND|FORBIDDEN|BAD_REQUEST)$/,
    );
  });

  it("the tree's shape holds: no group under a group, no customer under a customer", async () => {
    await expectRefused(
      () => as("owner").organisation.create({ parentId: demo.nodes.cardiology, kind: "group", name: "Nested" }),
      /^(BAD_REQUEST|FORBIDDEN)$/,
    );
    await expectRefused(
      () => as("owner").organisation.create({ parentId: demo.nodes.stOlav, kind: "customer", name: "Nested" }),
      /^(BAD_REQUEST|FORBIDDEN)$/,
    );
  });

  it("two live siblings of one kind cannot share a name", async () => {
    await expectRefused(
      () => as("owner").organisation.create({ parentId: demo.nodes.stOlav, kind: "group", name: "cardiology NURSES" }),
      /^CONFLICT$/,
    );
  });
});

describe("editing profiles", () => {
  it("a customer admin edits their own customer's profile and custom fields", async () => {
    await as("customer").organisation.update({
      nodeId: demo.nodes.stOlav,
      name: "St Olav University Hospital",
      description: "Trondheim",
      customFields: { beds: 950, contract_renewal: "2027-03-01" },
    });
    expect(await node(demo.nodes.stOlav)).toMatchObject({
      description: "Trondheim",
      customFields: { account_number: null, beds: 950, contract_renewal: "2027-03-01", tier: null },
    });
  });

  it("custom field values are checked against their definitions", async () => {
    const update = (customFields: Record<string, string | number | null>) => () =>
      as("owner").organisation.update({
        nodeId: demo.nodes.royalDevon,
        name: "Royal Devon Clinic",
        description: "",
        customFields,
      });
    await expectRefused(update({ beds: "many" }), /^BAD_REQUEST$/);
    // Beds: a whole number from 0 to 10,000, as the field is defined.
    await expectRefused(update({ beds: "-5" }), /^BAD_REQUEST$/);
    await expectRefused(update({ beds: 12.5 }), /^BAD_REQUEST$/);
    await expectRefused(update({ beds: 10001 }), /^BAD_REQUEST$/);
    await expectRefused(update({ contract_renewal: "2027-02-30" }), /^BAD_REQUEST$/);
    await expectRefused(update({ tier: "Platinum" }), /^BAD_REQUEST$/);
    await expectRefused(update({ unknown_field: "x" }), /^BAD_REQUEST$/);
    await expectRefused(
      update(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, "x".repeat(500)]))),
      /^BAD_REQUEST$/,
    );
    await expectRefused(update({ account_number: "x".repeat(501) }), /^BAD_REQUEST$/);
    await update({ beds: " 12 ", tier: "Silver" })();
    expect((await node(demo.nodes.royalDevon))?.customFields).toEqual({
      account_number: null,
      beds: 12,
      contract_renewal: null,
      tier: "Silver",
    });
  });

  it("a market admin edits their market and its customers, but not another market's customer (NOT_FOUND) nor their market's removal", async () => {
    await as("market").organisation.update({
      nodeId: demo.nodes.nordics,
      name: "Nordics",
      description: "Norway, Sweden, Denmark, Finland, Iceland",
    });
    await expectRefused(() =>
      as("market").organisation.update({ nodeId: demo.nodes.clinic, name: "Taken over", description: "" }),
    );
    await expectRefused(
      () => as("market").organisation.setArchived({ nodeId: demo.nodes.nordics, archived: true }),
      /^FORBIDDEN$/,
    );
  });

  it("a customer admin cannot archive or delete their own customer, nor edit the market above it", async () => {
    await expectRefused(
      () => as("customer").organisation.setArchived({ nodeId: demo.nodes.stOlav, archived: true }),
      /^FORBIDDEN$/,
    );
    await expectRefused(
      () =>
        as("customer").organisation.delete({ nodeId: demo.nodes.stOlav, confirmName: "St Olav University Hospital" }),
      /^FORBIDDEN$/,
    );
    await expectRefused(() =>
      as("customer").organisation.update({ nodeId: demo.nodes.nordics, name: "Ours now", description: "" }),
    );
  });
});

describe("isolation matrix: every organisation procedure that takes a node id", () => {
  // For each role: a node of theirs they may fully manage (or null), and a node outside their scope.
  const outside: Record<MatrixActor, keyof DemoInstallation["nodes"] | null> = {
    owner: null,
    market: "clinic",
    customer: "endoscopy",
    group: "orTechs",
    product: "cardiology",
  };
  for (const actor of matrixActors) {
    const far = outside[actor];
    if (!far) continue;
    it(`${actor}: byId, update, setArchived, delete, create under, moveCustomer are refused outside the scope and change nothing`, async () => {
      const id = demo.nodes[far];
      const caller = as(actor);
      await expectRefused(() => caller.organisation.byId({ nodeId: id }));
      await expectRefused(() => caller.organisation.update({ nodeId: id, name: "Changed", description: "" }));
      await expectRefused(() => caller.organisation.setArchived({ nodeId: id, archived: true }));
      await expectRefused(() => caller.organisation.delete({ nodeId: id, confirmName: "x" }));
      await expectRefused(
        () => caller.organisation.create({ parentId: id, kind: "group", name: "Intruders" }),
        /^(NOT_FOUND|FORBIDDEN|BAD_REQUEST)$/,
      );
      await expectRefused(() =>
        caller.organisation.moveCustomer({ nodeId: demo.nodes.clinic, newParentId: demo.nodes.nordics }),
      );
      await expectRefused(() => caller.organisation.treeLevel({ parentId: id }));
    });
  }

  it("inside the scope, byId gives the breadcrumb from the actor's top and what they may do", async () => {
    const viaMarket = await as("market").organisation.byId({ nodeId: demo.nodes.cardiology });
    expect(viaMarket.breadcrumb.map((c) => c.name)).toEqual([
      "Nordics",
      "St Olav University Hospital",
      "Cardiology nurses",
    ]);
    expect(viaMarket.may).toEqual({ edit: true, remove: true, move: false, manageMembers: true, create: [] });
    const viaCustomer = await as("customer").organisation.byId({ nodeId: demo.nodes.stOlav });
    expect(viaCustomer.may).toEqual({
      edit: true,
      remove: false,
      move: false,
      manageMembers: false,
      create: ["group"],
    });
    const viaGroup = await as("group").organisation.byId({ nodeId: demo.nodes.cardiology });
    expect(viaGroup.breadcrumb.map((c) => c.name)).toEqual(["Cardiology nurses"]);
    expect(viaGroup.may).toEqual({ edit: false, remove: false, move: false, manageMembers: true, create: [] });
    const viaOwner = await as("owner").organisation.byId({ nodeId: demo.nodes.owner });
    expect(viaOwner.may.create).toEqual(["market", "internal", "customer"]);
  });
});

describe("archiving, deleting and moving", () => {
  it("archiving hides a group from the tree and pickers and keeps its members; restoring brings it back", async () => {
    const { nodeId } = await as("customer").organisation.create({
      parentId: demo.nodes.stOlav,
      kind: "group",
      name: name("Temporary"),
    });
    const member = await freshUserIn("orTechs");
    await as("customer").users.addToGroup({ userId: member.id, groupId: nodeId });
    await as("customer").organisation.setArchived({ nodeId, archived: true });
    const level = await as("customer").organisation.treeLevel({ parentId: demo.nodes.stOlav });
    expect(level.nodes.map((n) => n.id)).not.toContain(nodeId);
    expect((await as("customer").organisation.nodesInScope({ kind: "group" })).map((g) => g.id)).not.toContain(nodeId);
    expect((await as("customer").users.byId({ userId: member.id })).groups.map((g) => g.nodeId)).toContain(nodeId);
    await as("customer").organisation.setArchived({ nodeId, archived: false });
    expect(
      (await as("customer").organisation.treeLevel({ parentId: demo.nodes.stOlav })).nodes.map((n) => n.id),
    ).toContain(nodeId);
  });

  it("deleting needs the exact name and an empty node; otherwise it says what is left and deletes nothing", async () => {
    const { nodeId } = await as("market").organisation.create({
      parentId: demo.nodes.nordics,
      kind: "customer",
      name: name("Short-lived"),
    });
    const { nodeId: group } = await as("market").organisation.create({ parentId: nodeId, kind: "group", name: "Ward" });
    const customerName = (await node(nodeId))!.name;
    await expectRefused(
      () => as("market").organisation.delete({ nodeId, confirmName: "something else" }),
      /^BAD_REQUEST$/,
    );
    const before = await snapshot();
    await expect(as("market").organisation.delete({ nodeId, confirmName: customerName })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("still holds 1 organisation or group"),
    });
    expect(await snapshot()).toEqual(before);
    await as("market").organisation.delete({ nodeId: group, confirmName: "Ward" });
    await as("market").organisation.delete({ nodeId, confirmName: customerName });
    expect(await node(nodeId)).toBeUndefined();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, nodeId), eq(auditLog.action, "node.deleted")));
    expect(entry?.before).toMatchObject({ name: customerName, kind: "customer" });
  });

  it("the owner moves a customer with everything under it to another market; scopes follow at once", async () => {
    const { nodeId: customer } = await as("owner").organisation.create({
      parentId: demo.nodes.nordics,
      kind: "customer",
      name: name("Movable"),
    });
    const { nodeId: group } = await as("owner").organisation.create({
      parentId: customer,
      kind: "group",
      name: "Ward A",
    });
    const nurse = await freshUserIn("cardiology");
    await as("owner").users.addToGroup({ userId: nurse.id, groupId: group });
    await as("owner").users.removeFromGroup({ userId: nurse.id, groupId: demo.nodes.cardiology });
    expect((await as("market").users.byId({ userId: nurse.id })).email).toBe(nurse.email);

    await expectRefused(
      () => as("market").organisation.moveCustomer({ nodeId: customer, newParentId: demo.nodes.nordics }),
      /^FORBIDDEN$/,
    );
    await as("owner").organisation.moveCustomer({ nodeId: customer, newParentId: demo.nodes.iberia });
    expect((await node(group))?.path).toBe(`/${demo.nodes.owner}/${demo.nodes.iberia}/${customer}/${group}/`);
    expect((await node(customer))?.parentId).toBe(demo.nodes.iberia);
    await expect(as("market").users.byId({ userId: nurse.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as("market").organisation.byId({ nodeId: customer })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await as("owner").organisation.moveCustomer({ nodeId: customer, newParentId: demo.nodes.owner });
    expect((await node(customer))?.path).toBe(`/${demo.nodes.owner}/${customer}/`);
    await expectRefused(
      () => as("owner").organisation.moveCustomer({ nodeId: customer, newParentId: demo.nodes.trainers }),
      /^BAD_REQUEST$/,
    );
    await expectRefused(
      () => as("owner").organisation.moveCustomer({ nodeId: demo.nodes.cardiology, newParentId: demo.nodes.iberia }),
      /^BAD_REQUEST$/,
    );
  });
});
