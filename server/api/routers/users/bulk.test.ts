import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const suspendedOf = async (ids: string[]) =>
  Object.fromEntries(
    (await db.select({ id: users.id, s: users.suspendedAt }).from(users).where(inArray(users.id, ids))).map((r) => [
      r.id,
      r.s !== null,
    ]),
  );

describe("users.bulk", () => {
  it("suspends and reactivates the selected users in scope, and reports (and skips) one outside it", async () => {
    const mine = await Promise.all([freshUserIn("orTechs"), freshUserIn("cardiology"), freshUserIn("orTechs")]);
    const foreign = await freshUserIn("endoscopy");
    const ids = [...mine.map((u) => u.id), foreign.id];
    const customer = callerFor(db, demo.users.customer);
    const { outcomes } = await customer.users.bulk({ action: "suspend", userIds: ids });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(outcomes[3]).toMatchObject({ userId: foreign.id, message: "No such user in your organisation." });
    expect(await suspendedOf(ids)).toEqual({
      [mine[0]!.id]: true,
      [mine[1]!.id]: true,
      [mine[2]!.id]: true,
      [foreign.id]: false,
    });
    expect(await db.select().from(auditLog).where(inArray(auditLog.targetId, ids))).toHaveLength(3);

    await customer.users.bulk({ action: "reactivate", userIds: mine.map((u) => u.id) });
    expect(Object.values(await suspendedOf(mine.map((u) => u.id)))).toEqual([false, false, false]);
  });

  it("adds the selection to a group in scope; a group outside the scope refuses the whole request and changes nothing", async () => {
    const picked = await Promise.all([freshUserIn("orTechs"), freshUserIn("orTechs")]);
    const customer = callerFor(db, demo.users.customer);
    const before = await snapshot();
    await expect(
      customer.users.bulk({ action: "addToGroup", userIds: picked.map((u) => u.id), groupId: demo.nodes.endoscopy }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    await customer.users.bulk({
      action: "addToGroup",
      userIds: picked.map((u) => u.id),
      groupId: demo.nodes.cardiology,
    });
    const rows = await db.select().from(memberships).where(eq(memberships.nodeId, demo.nodes.cardiology));
    expect(rows.map((r) => r.userId)).toEqual(expect.arrayContaining(picked.map((u) => u.id)));
  });

  it("deletes only with the confirmation in the request, never the actor, and says why for each refusal", async () => {
    const picked = await Promise.all([freshUserIn("cardiology"), freshUserIn("cardiology")]);
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    await expect(owner.users.bulk({ action: "delete", userIds: picked.map((u) => u.id) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await snapshot()).toEqual(before);
    const { outcomes } = await owner.users.bulk({
      action: "delete",
      userIds: [...picked.map((u) => u.id), demo.users.owner],
      confirmDeletion: true,
    });
    expect(outcomes.map((o) => [o.ok, o.message])).toEqual([
      [true, null],
      [true, null],
      [false, "You cannot delete your own account."],
    ]);
    expect(
      await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            picked.map((u) => u.id),
          ),
        ),
    ).toEqual([]);
  });

  it("a group admin cannot suspend the customer admin through a bulk action; a product user may not bulk at all", async () => {
    const { outcomes } = await callerFor(db, demo.users.group).users.bulk({
      action: "suspend",
      userIds: [demo.users.customer, demo.users.owner],
    });
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(await suspendedOf([demo.users.customer, demo.users.owner])).toEqual({
      [demo.users.customer]: false,
      [demo.users.owner]: false,
    });
    await expect(
      callerFor(db, demo.users.product).users.bulk({ action: "suspend", userIds: [demo.users.product] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("bad input is refused whole: no ids, duplicates, more than a chunk", async () => {
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    await expect(owner.users.bulk({ action: "suspend", userIds: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({ action: "suspend", userIds: [demo.users.product, demo.users.product] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.users.bulk({ action: "addToGroup", userIds: [demo.users.product] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await snapshot()).toEqual(before);
  });
});
