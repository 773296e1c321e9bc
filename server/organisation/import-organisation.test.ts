import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, nodes, roleAssignments, settings, users } from "../db/schema";
import { setUpInstallation } from "../installation/set-up";
import { insertNode } from "./nodes";
import { insertUser } from "../users/create-user";
import { completeBulk, requestKey } from "../testing/bulk-jobs";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";

// An installation the demo seed never touched: set up as a real one is, then imported into.
const { db } = await createTestDatabase();
let ownerAdmin: string;
let marketAdmin: string;
let ownerId: string;
let balticsId: string;
beforeAll(async () => {
  const set = await setUpInstallation(
    db,
    { appUrl: "http://localhost:3000", secret: "test-secret-test-secret-test-secret-0123" },
    {
      ownerName: "Nordlys Medical",
      adminEmail: "first@nordlys.example",
      adminFirstName: "Freya",
      adminLastName: "First",
    },
  );
  ownerAdmin = set.adminId;
  ownerId = set.ownerId;
  // The owner's own settings: a customer field to import, and no two-step wait for this test's admins.
  await db
    .update(settings)
    .set({
      requireTwoFactorForOwnerAdmins: false,
      customerFields: [
        { key: "beds", label: "Beds", type: "number", options: [], min: 0, max: 5000, integer: true },
        { key: "tier", label: "Tier", type: "choice", options: ["Gold", "Silver"] },
      ],
    })
    .where(eq(settings.id, true));
  const baltics = await insertNode(db, { kind: "market", parentId: ownerId, name: "Baltics" });
  balticsId = baltics.id;
  await db.update(nodes).set({ externalId: "M-BALT" }).where(eq(nodes.id, balticsId));
  const group = await insertNode(db, { kind: "group", parentId: balticsId, name: "Baltic market team" });
  marketAdmin = (
    await insertUser(db, {
      email: "market@nordlys.example",
      firstName: "Mart",
      lastName: "Market",
      memberOf: [group.id],
      roles: [{ role: "market_admin", nodeId: balticsId }],
    })
  ).id;
});
const as = (userId: string) => callerFor(db, userId);

async function treeSnapshot() {
  return {
    tree: await db.select().from(nodes).orderBy(nodes.id),
    audits: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  };
}

const header = "kind,name,external_id,parent_external_id,parent_path,description,beds,tier";

describe("importing the organisation: the dry run names each line's problem and writes nothing", () => {
  it.each([
    ["a cycle", `${header}\ncustomer,A,C-A,C-B,,,,\ncustomer,B,C-B,C-A,,,,`, [2, 3], "go round in a circle"],
    ["an unknown parent", `${header}\ncustomer,Lost,C-L,M-NOWHERE,,,,`, [2], 'no node has the external id "M-NOWHERE"'],
    [
      "a duplicate external id",
      `${header}\nmarket,One,M-1,,,,,\nmarket,Two,M-1,,,,,`,
      [2, 3],
      'The external id "M-1" is also on line',
    ],
    ["a formula in a cell", `${header}\ncustomer,=HYPERLINK("x"),C-F,M-BALT,,,,`, [2], "starts like a formula"],
    ["a group under the owner", `${header}\ngroup,Floating,,,,,,`, [2], "cannot be placed under"],
    ["a field out of range", `${header}\ncustomer,Huge,C-H,M-BALT,,,9000,`, [2], "Beds: enter 5000 or less."],
    ["a field on a market", `${header}\nmarket,Fielded,M-F,,,,10,`, [2], "Only customers carry custom fields"],
    ["an unknown kind", `${header}\nhospital,Odd,,,,,,`, [2], "The kind must be one of"],
    [
      "a path to nothing",
      `${header}\ncustomer,Pathless,,,Nowhere / Else,,,`,
      [2],
      'Nothing in the organisation is at "Nowhere / Else"',
    ],
  ])("%s", async (_, csv, badLines, sentence) => {
    const before = await treeSnapshot();
    const check = await as(ownerAdmin).organisation.importCheck({ csv });
    expect(check.problems.map((p) => p.line)).toEqual(badLines);
    expect(check.problems.flatMap((p) => p.errors).join(" ")).toContain(sentence);
    await expect(as(ownerAdmin).organisation.import({ csv, requestKey: requestKey() })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await treeSnapshot()).toEqual(before);
  });

  it("refuses a file of 100,001 lines and an unknown column with a sentence", async () => {
    const before = await treeSnapshot();
    const lines = Array.from({ length: 100_001 }, (_, i) => `market,M${i},,`);
    await expect(
      as(ownerAdmin).organisation.importCheck({ csv: ["kind,name,external_id,parent_path", ...lines].join("\n") }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The file has 100,001 lines: import at most 100,000 at a time.",
    });
    await expect(
      as(ownerAdmin).organisation.importCheck({ csv: "kind,name,colour\nmarket,Red,red" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('The column "colour"') });
    expect(await treeSnapshot()).toEqual(before);
  });
});

describe("importing the organisation", () => {
  const file = [
    header,
    // Children before their parents in the file: the import orders them.
    "group,Cardiology,,C-RIGA,,,,",
    "customer,Riga East University Hospital,C-RIGA,M-IBER,,Teaching hospital,1200,Gold",
    "market,Iberia,M-IBER,,,Spain and Portugal,,",
    "customer,Vilnius Clinic,C-VIL,,Baltics,,300,Silver",
    "internal,Clinical Education,I-EDU,,,,,",
    "group,Trainers,,I-EDU,,,,",
    "customer,Direct Hospital,C-DIR,,,,,",
  ].join("\n");

  it("creates each line under its parent, parents first, with audit entries; a second run changes nothing", async () => {
    const check = await as(ownerAdmin).organisation.importCheck({ csv: file });
    expect(check).toMatchObject({ total: 7, create: 7, update: 0, unchanged: 0, problemCount: 0 });
    const { outcomes } = await completeBulk(
      db,
      as(ownerAdmin).organisation.import({ csv: file, requestKey: requestKey() }),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const byName = async (name: string) => (await db.select().from(nodes).where(eq(nodes.name, name)))[0]!;
    const iberia = await byName("Iberia");
    const riga = await byName("Riga East University Hospital");
    const cardiology = await byName("Cardiology");
    expect(iberia).toMatchObject({ kind: "market", parentId: ownerId, externalId: "M-IBER" });
    expect(riga).toMatchObject({
      kind: "customer",
      parentId: iberia.id,
      path: `${iberia.path}${riga.id}/`,
      description: "Teaching hospital",
      customFields: { beds: 1200, tier: "Gold" },
    });
    expect(cardiology).toMatchObject({ kind: "group", parentId: riga.id, path: `${riga.path}${cardiology.id}/` });
    expect((await byName("Vilnius Clinic")).parentId).toBe(balticsId);
    expect((await byName("Direct Hospital")).parentId).toBe(ownerId);
    expect((await byName("Trainers")).parentId).toBe((await byName("Clinical Education")).id);
    const created = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "node.created"), eq(auditLog.actorId, ownerAdmin)));
    expect(created).toHaveLength(7);

    // Again, the same file: every line is found, nothing is created twice.
    const before = await treeSnapshot();
    const again = await as(ownerAdmin).organisation.importCheck({ csv: file });
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 7, problemCount: 0 });
    const rerun = await completeBulk(db, as(ownerAdmin).organisation.import({ csv: file, requestKey: requestKey() }));
    expect(rerun.outcomes.every((o) => o.ok && o.message === "Unchanged.")).toBe(true);
    expect((await treeSnapshot()).tree).toEqual(before.tree);

    // A changed line updates its node in place.
    const changed = file.replace("Teaching hospital,1200,Gold", "University hospital,1250,Gold");
    expect(await as(ownerAdmin).organisation.importCheck({ csv: changed })).toMatchObject({ update: 1, unchanged: 6 });
    await completeBulk(db, as(ownerAdmin).organisation.import({ csv: changed, requestKey: requestKey() }));
    expect(await byName("Riga East University Hospital")).toMatchObject({
      id: riga.id,
      description: "University hospital",
      customFields: { beds: 1250, tier: "Gold" },
    });
  });

  it("the user import then places people by a group's external id", async () => {
    const groups = [header, "group,Vilnius ICU,G-VIL-ICU,C-VIL,,,,"].join("\n");
    await completeBulk(db, as(ownerAdmin).organisation.import({ csv: groups, requestKey: requestKey() }));
    const check = await as(ownerAdmin).users.importCheck({
      csv: "email,first_name,last_name,group\nrasa@vilnius.example,Rasa,Nurse,G-VIL-ICU",
      defaultGroupId: null,
    });
    expect(check).toMatchObject({ validCount: 1, invalid: [] });
    expect(check.preview[0]?.groupPath).toEqual(["Baltics", "Vilnius Clinic", "Vilnius ICU"]);
  });

  it("a market admin imports customers and groups into their market only, and nothing else", async () => {
    const mine = [header, "customer,Tartu Hospital,C-TARTU,M-BALT,,,,", "group,Tartu nurses,,C-TARTU,,,,"].join("\n");
    const check = await as(marketAdmin).organisation.importCheck({ csv: mine });
    expect(check).toMatchObject({ create: 2, problemCount: 0 });
    await completeBulk(db, as(marketAdmin).organisation.import({ csv: mine, requestKey: requestKey() }));
    const [tartu] = await db.select().from(nodes).where(eq(nodes.externalId, "C-TARTU"));
    expect(tartu?.parentId).toBe(balticsId);

    const before = await treeSnapshot();
    const beyond = [
      header,
      "market,Own market,M-OWN,,,,,",
      "customer,Into Iberia,C-INTO,M-IBER,,,,",
      "customer,Renamed Riga,C-RIGA,M-BALT,,,,",
      "customer,By path,C-PATH,,Iberia,,,",
    ].join("\n");
    // What lies outside their market does not exist for them: neither Iberia nor Riga is named.
    const refused = await as(marketAdmin).organisation.importCheck({ csv: beyond });
    expect(refused.problems.map((p) => [p.line, p.errors.join(" ")])).toEqual([
      [2, 'You may not create a market there (under "Nordlys Medical").'],
      [3, 'No line of the file and no node has the external id "M-IBER".'],
      [4, 'The external id "C-RIGA" is taken by a node outside your part of the organisation.'],
      [5, 'Nothing in the organisation is at "Iberia".'],
    ]);
    await expect(as(marketAdmin).organisation.import({ csv: beyond, requestKey: requestKey() })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await treeSnapshot()).toEqual(before);
  });

  it("stops at the next batch when its starter loses the role while it runs", async () => {
    const admin = (
      await insertUser(db, {
        email: "brief@nordlys.example",
        firstName: "Brief",
        lastName: "Market",
        memberOf: [(await db.select().from(nodes).where(eq(nodes.name, "Baltic market team")))[0]!.id],
        roles: [{ role: "market_admin", nodeId: balticsId }],
      })
    ).id;
    const csv = [
      header,
      ...Array.from({ length: 600 }, (_, i) => `customer,Batch hospital ${String(i + 1).padStart(3, "0")},,M-BALT,,,,`),
    ].join("\n");
    // The owner takes the role away the moment the first batch writes its first hospital: in the
    // same transaction, as if it had committed between two batches.
    await db.execute(
      sql.raw(`create or replace function import_test_loss() returns trigger language plpgsql as $$
        begin delete from role_assignments where user_id = '${admin}'; return new; end $$;
        create trigger import_test_loss after insert on nodes for each row
        when (new.name = 'Batch hospital 001') execute function import_test_loss();`),
    );
    try {
      await completeBulk(db, as(admin).organisation.import({ csv, requestKey: requestKey() }));
    } finally {
      await db.execute(sql.raw(`drop trigger import_test_loss on nodes; drop function import_test_loss();`));
    }
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(nodes)
      .where(sql`${nodes.name} like 'Batch hospital %'`);
    // The first batch of 500 was theirs to write; nothing after the role was gone.
    expect(n).toBe(500);
  });

  it("is refused to group admins, product users and the signed-out, and changes nothing", async () => {
    const people = async () => (await db.select({ n: count() }).from(users))[0]!.n;
    const [group] = await db.select().from(nodes).where(eq(nodes.name, "Tartu nurses"));
    const groupAdmin = (
      await insertUser(db, {
        email: "group@nordlys.example",
        firstName: "Gro",
        lastName: "Group",
        roles: [{ role: "group_admin", nodeId: group!.id }],
      })
    ).id;
    const product = (
      await insertUser(db, { email: "nurse@nordlys.example", firstName: "N", lastName: "Nurse", memberOf: [group!.id] })
    ).id;
    const csv = [header, "group,Sneaky,,C-TARTU,,,,"].join("\n");
    const before = await treeSnapshot();
    const peopleBefore = await people();
    for (const caller of [as(groupAdmin), as(product)]) {
      await expect(caller.organisation.importCheck({ csv })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.organisation.import({ csv, requestKey: requestKey() })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(callerFor(db, null).organisation.import({ csv, requestKey: requestKey() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await treeSnapshot()).toEqual(before);
    expect(
      (await db.select({ n: count() }).from(roleAssignments).where(isNotNull(roleAssignments.userId)))[0]!.n,
    ).toBeGreaterThan(0);
    expect(await people()).toBe(peopleBefore);
  });
});

describe("a new installation's first steps", () => {
  it("are the owner admins' alone, and each is done once the installation holds what it makes", async () => {
    const steps = await as(ownerAdmin).installation.firstSteps();
    const done = Object.fromEntries(steps.steps.map((step) => [step.key, step.done]));
    // Markets, customers and other people exist by now in this file; nobody else approves yet, and no content.
    expect(done).toEqual({ markets: true, customers: true, approvers: false, people: true, content: false });
    expect(steps.allDone).toBe(false);
    await expect(as(marketAdmin).installation.firstSteps()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
