import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boards, settings } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { seedDemoBoards } from "../demo/seed-demo-boards";
import { seedDemoContent } from "../demo/seed-demo-content";
import { createIssueType } from "../support/issue-types";
import { setStaffProfile } from "../support/staff";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { insertUser } from "../users/create-user";

/*
 * Authority comes from the tree as it is now. A customer moves from one market to another: in every
 * domain, the old market's admin and staff lose it at once and the new market's gain it, whatever
 * copies of where things sat other rows keep.
 */

const { db } = await createTestDatabase();
let demo: DemoInstallation;
const system = { actorId: null, ip: null };
const people: Record<string, string> = {};
let issueId = "";
let boardId = "";

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await seedDemoContent(db, demo);
  await seedDemoBoards(db, demo);
  await db.update(settings).set({ supportIssuesEnabled: true }).where(eq(settings.id, true));
  const person = async (name: string, input: Partial<Parameters<typeof insertUser>[1]>) =>
    (
      await insertUser(db, {
        email: `${name}@move.example`,
        firstName: name,
        lastName: "Mover",
        memberOf: [demo.nodes.trainers],
        status: "active",
        ...input,
      })
    ).id;
  people.iberiaAdmin = await person("iberia", { roles: [{ role: "market_admin", nodeId: demo.nodes.iberia }] });
  const type = await createIssueType(db, system, {
    name: "Question",
    description: "",
    deviceComplaint: false,
    defaultUnitId: demo.nodes.internal,
    attachmentsAllowed: false,
  });
  // Staff who handle each distributor's accounts.
  people.nordicDesk = await person("nordicdesk", {});
  await setStaffProfile(db, system, people.nordicDesk, {
    unitIds: [demo.nodes.internal],
    typeIds: [],
    accounts: [{ nodeId: demo.nodes.nordics, category: "distributor" }],
  });
  people.iberianDesk = await person("iberiandesk", {});
  await setStaffProfile(db, system, people.iberianDesk, {
    unitIds: [demo.nodes.internal],
    typeIds: [],
    accounts: [{ nodeId: demo.nodes.iberia, category: "distributor" }],
  });
  issueId = (
    await callerFor(db, demo.users.product).support.report({
      typeId: type.id,
      itemId: null,
      title: "Where is the priming card?",
      description: "It fell off the pole.",
      severity: "low",
      device: null,
    })
  ).id;
  boardId = (await db.select({ id: boards.id }).from(boards).where(eq(boards.ownerNodeId, demo.nodes.stOlav)))[0]!.id;
});

/** What each person reaches of St Olav, domain by domain: "yes", or the refusal's code. */
async function reachOf(userId: string) {
  const as = callerFor(db, userId);
  const outcome = (call: () => Promise<unknown>) =>
    call().then(
      () => "yes",
      (error: { code?: string }) => error.code ?? "error",
    );
  const listed = (call: () => Promise<boolean>) =>
    call().then(
      (found) => (found ? "yes" : "NOT_LISTED"),
      (error: { code?: string }) => error.code ?? "error",
    );
  return {
    node: await outcome(() => as.organisation.byId({ nodeId: demo.nodes.stOlav })),
    person: await outcome(() => as.users.byId({ userId: demo.users.product })),
    usersList: await listed(async () => (await as.users.list({})).items.some((u) => u.id === demo.users.product)),
    issue: await outcome(() => as.support.byId({ issueId })),
    inbox: await listed(async () => (await as.support.inbox({ tab: "all" })).items.some((i) => i.id === issueId)),
    report: await outcome(() => as.reports.trainingStatus({ nodeId: demo.nodes.stOlav })),
    board: await outcome(() => as.boards.access({ boardId })),
  };
}

const everything = {
  node: "yes",
  person: "yes",
  usersList: "yes",
  issue: "yes",
  inbox: "yes",
  report: "yes",
  board: "yes",
};

describe("a customer moved to another market", () => {
  it("is decided from the tree as it is now, in every domain, for admins and for staff", async () => {
    const before = {
      nordicAdmin: await reachOf(demo.users.market),
      iberiaAdmin: await reachOf(people.iberiaAdmin!),
      nordicDesk: (await reachOf(people.nordicDesk!)).issue,
      iberianDesk: (await reachOf(people.iberianDesk!)).issue,
    };
    expect(before.nordicAdmin).toEqual(everything);
    expect(Object.values(before.iberiaAdmin).every((r) => r !== "yes")).toBe(true);
    expect(before.nordicDesk).toBe("yes");
    expect(before.iberianDesk).toBe("NOT_FOUND");

    await callerFor(db, demo.users.owner).organisation.moveCustomer({
      nodeId: demo.nodes.stOlav,
      newParentId: demo.nodes.iberia,
    });

    const after = {
      nordicAdmin: await reachOf(demo.users.market),
      iberiaAdmin: await reachOf(people.iberiaAdmin!),
      nordicDesk: (await reachOf(people.nordicDesk!)).issue,
      iberianDesk: (await reachOf(people.iberianDesk!)).issue,
    };
    expect(after.iberiaAdmin).toEqual(everything);
    expect(Object.entries(after.nordicAdmin).filter(([, r]) => r === "yes")).toEqual([]);
    expect(after.nordicDesk).toBe("NOT_FOUND");
    expect(after.iberianDesk).toBe("yes");

    // And back: nothing is left of the visit.
    await callerFor(db, demo.users.owner).organisation.moveCustomer({
      nodeId: demo.nodes.stOlav,
      newParentId: demo.nodes.nordics,
    });
    expect(await reachOf(demo.users.market)).toEqual(everything);
    expect(Object.values(await reachOf(people.iberiaAdmin!)).every((r) => r !== "yes")).toBe(true);
  });
});
