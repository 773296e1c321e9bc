import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  const owner = callerFor(db, demo.users.owner);
  await owner.users.setSuspended({ userId: demo.users.clinicUser, suspended: true }); // Iberia
  await owner.users.setSuspended({ userId: demo.users.notInvited, suspended: true }); // St Olav
  await callerFor(db, demo.users.customer).users.updatePersonalData({
    userId: demo.users.product,
    firstName: "Ingrid",
    lastName: "Nilsen",
    phone: "+47 555 01 234",
    position: "Cardiac nurse",
  });
  await owner.email.sendTest({ to: "qa@hospital.example" });
});

const actionsSeenBy = async (who: keyof DemoInstallation["users"]) =>
  (await callerFor(db, demo.users[who]).audit.list({})).items.map((e) => `${e.action} ${e.targetEmail ?? ""}`.trim());

describe("audit.list is scoped like everything else", () => {
  it("shows an owner admin every entry, newest first, with what changed", async () => {
    const { items } = await callerFor(db, demo.users.owner).audit.list({});
    expect(items.map((e) => e.action)).toEqual(["email.test_sent", "user.updated", "user.suspended", "user.suspended"]);
    expect(items[1]).toMatchObject({
      actorEmail: "customer@helix.example",
      targetEmail: "user@helix.example",
      ip: "203.0.113.7",
      changes: [{ field: "phone", from: null, to: "+47 555 01 234" }],
    });
  });

  it("shows a customer admin the entries about their users and their own actions, not Iberia's", async () => {
    expect(await actionsSeenBy("customer")).toEqual([
      "user.updated user@helix.example",
      "user.suspended ola.nordmann@stolav.example",
    ]);
  });

  it("shows a group admin only what concerns their group", async () => {
    expect(await actionsSeenBy("group")).toEqual(["user.updated user@helix.example"]);
  });

  it("refuses a product user (FORBIDDEN) and pages by cursor", async () => {
    await expect(callerFor(db, demo.users.product).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const owner = callerFor(db, demo.users.owner);
    const first = await owner.audit.list({ pageSize: 3 });
    const rest = await owner.audit.list({ pageSize: 3, cursor: first.nextBefore! });
    expect([...first.items, ...rest.items]).toHaveLength(4);
    expect(rest.nextBefore).toBeNull();
  });
});

describe("audit entries about organisations", () => {
  it("are named, and shown to admins whose scope holds the organisation", async () => {
    await callerFor(db, demo.users.owner).organisation.update({
      nodeId: demo.nodes.orTechs,
      name: "OR technicians",
      description: "Theatre staff",
    });
    const [mine] = (await callerFor(db, demo.users.customer).audit.list({})).items;
    expect(mine).toMatchObject({
      action: "node.updated",
      targetName: "OR technicians",
      changes: [{ field: "description", from: "", to: "Theatre staff" }],
    });
    expect((await callerFor(db, demo.users.market).audit.list({})).items[0]?.targetName).toBe("OR technicians");
    expect((await callerFor(db, demo.users.group).audit.list({})).items.map((e) => e.action)).not.toContain(
      "node.updated",
    );
  });
});

describe("audit entries about a person placed in two tenants", () => {
  it("keep the entry for an admin of one tenant, with the other tenant's group redacted", async () => {
    const owner = callerFor(db, demo.users.owner);
    // Ingrid (St Olav) is placed in Royal Devon's endoscopy unit too.
    await owner.users.addToGroup({ userId: demo.users.product, groupId: demo.nodes.endoscopy });
    const [entry] = (await callerFor(db, demo.users.customer).audit.list({})).items;
    expect(entry).toMatchObject({
      action: "user.group_added",
      targetEmail: "user@helix.example",
      after: { groupId: "(outside your scope)", group: "(outside your scope)" },
    });
    const [ownersView] = (await owner.audit.list({})).items;
    expect(ownersView?.after).toEqual({ groupId: demo.nodes.endoscopy, group: "Endoscopy unit" });
    // A group of their own stays named.
    await owner.users.addToGroup({ userId: demo.users.product, groupId: demo.nodes.orTechs });
    const [own] = (await callerFor(db, demo.users.customer).audit.list({})).items;
    expect(own?.after).toEqual({ groupId: demo.nodes.orTechs, group: "OR technicians" });
  });
});

describe("audit.verify and the export's pages", () => {
  it("checks the trail for owner admins and records the check; other admins read the latest, product users nothing", async () => {
    await expect(callerFor(db, demo.users.group).audit.verify({ whole: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(db, demo.users.market).audit.verify()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await callerFor(db, demo.users.group).audit.lastVerification()).toBeNull();
    const result = await callerFor(db, demo.users.owner).audit.verify();
    expect(result).toMatchObject({ intact: true, firstBroken: null, whole: true, fromSeq: 0 });
    expect(result.entries).toBeGreaterThanOrEqual(4);
    await expect(callerFor(db, demo.users.product).audit.verify()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, demo.users.product).audit.lastVerification()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await callerFor(db, demo.users.group).audit.lastVerification()).toMatchObject({
      intact: true,
      whole: true,
      throughSeq: result.entries,
      throughHash: result.head!.hash,
      vouched: true,
    });
    const [latest] = (await callerFor(db, demo.users.owner).audit.list({})).items;
    expect(latest).toMatchObject({ action: "audit.verified", after: { intact: true } });
    await expect(
      callerFor(db, demo.users.owner).audit.verify({ whole: "yes" } as unknown as { whole: boolean }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("reads a period in whole days, each entry with its link in the chain, still within the reader's scope", async () => {
    const owner = callerFor(db, demo.users.owner);
    await owner.audit.verify(); // seals every entry so far
    const today = new Date().toISOString().slice(0, 10);
    const { items } = await owner.audit.list({ pageSize: 1000, from: today, to: today });
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.filter((e) => e.action !== "audit.verified").every((e) => e.chainSeq !== null)).toBe(true);
    expect(items.find((e) => e.chainSeq !== null)?.chainHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await owner.audit.list({ from: "2001-01-01", to: "2001-12-31" })).items).toEqual([]);
    // A customer admin's export of the same day holds only what their list shows.
    const customers = await callerFor(db, demo.users.customer).audit.list({ pageSize: 1000, from: today, to: today });
    expect(customers.items.map((e) => e.targetEmail)).not.toContain("laura.garcia@clinic.example");
    await expect(owner.audit.list({ from: today, to: "2001-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.audit.list({ from: "yesterday" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
