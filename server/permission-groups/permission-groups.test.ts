import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, permissionGroupMembers, permissionGroups } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { can, loadActor } from "../scope";
import { createPermissionGroupInput } from "./permission-groups";
import { callerFor } from "../testing/callers";
import { isolationFixtures, matrixActors, type MatrixActor } from "../testing/isolation";
import { createTestDatabase } from "../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const as = (actor: MatrixActor | keyof DemoInstallation["users"]) => callerFor(db, demo.users[actor]);

async function groupsSnapshot() {
  return {
    groups: await db.select().from(permissionGroups).orderBy(permissionGroups.id),
    ...(await snapshot()),
  };
}

describe("isolation matrix: permission groups", () => {
  for (const actor of matrixActors.filter((a) => a !== "owner")) {
    it(`${actor}: every permission group procedure is refused, with no data, and nothing changes`, async () => {
      const [group] = await db.select().from(permissionGroups);
      const target = await freshUserIn("cardiology");
      const before = await groupsSnapshot();
      for (const call of [
        () => as(actor).permissionGroups.list(),
        () => as(actor).permissionGroups.catalogue(),
        () => as(actor).permissionGroups.byId({ permissionGroupId: group!.id }),
        () => as(actor).permissionGroups.create({ name: "Sneaky", permissions: ["content.publish"] }),
        () =>
          as(actor).permissionGroups.update({
            permissionGroupId: group!.id,
            name: "Renamed",
            permissions: ["content.publish"],
          }),
        () => as(actor).permissionGroups.delete({ permissionGroupId: group!.id, confirmName: group!.name }),
        () =>
          as(actor).users.setPermissionGroupMember({ userId: target.id, permissionGroupId: group!.id, member: true }),
        () => as(actor).users.permissionGroups(),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
      }
      expect(await groupsSnapshot()).toEqual(before);
    });
  }

  it("signed out: refused as UNAUTHORIZED, and nothing changes", async () => {
    const [group] = await db.select().from(permissionGroups);
    const before = await groupsSnapshot();
    const anonymous = callerFor(db, null);
    await expect(anonymous.permissionGroups.byId({ permissionGroupId: group!.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(
      anonymous.permissionGroups.delete({ permissionGroupId: group!.id, confirmName: group!.name }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await groupsSnapshot()).toEqual(before);
  });
});

describe("an owner admin manages permission groups", () => {
  it("creates, renames, re-describes and changes the permissions of a group, each change audited", async () => {
    const owner = as("owner");
    const { permissionGroupId } = await owner.permissionGroups.create({
      name: "Quality reviewers",
      description: "Sign approvals.",
      permissions: ["content.approve", "content.approve"],
    });
    expect((await owner.permissionGroups.byId({ permissionGroupId })).permissions).toEqual(["content.approve"]);
    await owner.permissionGroups.update({
      permissionGroupId,
      name: "Quality and regulatory",
      description: "",
      permissions: ["content.approve", "boards.moderate"],
    });
    const detail = await owner.permissionGroups.byId({ permissionGroupId });
    expect(detail).toMatchObject({
      name: "Quality and regulatory",
      description: "",
      permissions: ["content.approve", "boards.moderate"],
      members: [],
    });
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, permissionGroupId));
    expect(entries.map((entry) => entry.action)).toEqual(["permission_group.created", "permission_group.updated"]);
    expect(entries[1]).toMatchObject({
      actorId: demo.users.owner,
      before: { name: "Quality reviewers", permissions: ["content.approve"] },
    });
    expect((await owner.permissionGroups.list()).find((g) => g.id === permissionGroupId)?.members).toBe(0);
  });

  it("refuses a duplicate name (whatever its case), an empty name and an unknown permission, and writes nothing", async () => {
    const owner = as("owner");
    await owner.permissionGroups.create({ name: "Board moderators", permissions: ["boards.moderate"] });
    const before = await groupsSnapshot();
    await expect(owner.permissionGroups.create({ name: "board MODERATORS", permissions: [] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A permission group of that name exists already: choose another name.",
    });
    await expect(owner.permissionGroups.create({ name: "  ", permissions: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(createPermissionGroupInput.safeParse({ name: " ", permissions: [] }).error?.issues[0]?.message).toBe(
      "Give the group a name.",
    );
    expect(
      createPermissionGroupInput.safeParse({ name: "Root", permissions: ["settings.everything"] }).error?.issues[0]
        ?.message,
    ).toBe("Choose permissions from the list.");
    await expect(
      owner.permissionGroups.create({
        name: "Root",
        permissions: ["settings.everything" as "content.publish"],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const [other] = await db.select().from(permissionGroups).where(eq(permissionGroups.name, "Board moderators"));
    const [first] = await db
      .select()
      .from(permissionGroups)
      .where(eq(permissionGroups.name, "Content approvers and publishers"));
    await expect(
      owner.permissionGroups.update({ permissionGroupId: first!.id, name: "Board Moderators", permissions: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(other).toBeDefined();
    expect(await groupsSnapshot()).toEqual(before);
  });

  it("puts people in and takes them out, never themselves", async () => {
    const owner = as("owner");
    const { permissionGroupId } = await owner.permissionGroups.create({
      name: "Publishers",
      permissions: ["content.publish"],
    });
    const person = await freshUserIn("trainers");
    await owner.users.setPermissionGroupMember({ userId: person.id, permissionGroupId, member: true });
    expect((await owner.permissionGroups.byId({ permissionGroupId })).members.map((m) => m.userId)).toEqual([
      person.id,
    ]);
    const before = await groupsSnapshot();
    await expect(
      owner.users.setPermissionGroupMember({ userId: demo.users.owner, permissionGroupId, member: true }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot change your own permission groups: another owner admin gives or takes them.",
    });
    expect(await groupsSnapshot()).toEqual(before);
    await owner.users.setPermissionGroupMember({ userId: person.id, permissionGroupId, member: false });
    expect((await owner.permissionGroups.byId({ permissionGroupId })).members).toEqual([]);
  });

  it("deletes a group with members only when its name is typed, and its members lose what it alone gave", async () => {
    const owner = as("owner");
    const { permissionGroupId } = await owner.permissionGroups.create({
      name: "Temporary approvers",
      permissions: ["content.approve"],
    });
    const person = await freshUserIn("trainers");
    await owner.users.setPermissionGroupMember({ userId: person.id, permissionGroupId, member: true });
    expect((await loadActor(db, person.id))?.permissions.has("content.approve")).toBe(true);

    const before = await groupsSnapshot();
    for (const confirmName of [undefined, "Temporary"]) {
      await expect(owner.permissionGroups.delete({ permissionGroupId, confirmName })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: '"Temporary approvers" has 1 member: type its name to confirm that they lose its permissions.',
      });
    }
    expect(await groupsSnapshot()).toEqual(before);

    expect(await owner.permissionGroups.delete({ permissionGroupId, confirmName: "temporary approvers" })).toEqual({
      membersRemoved: 1,
    });
    expect(await db.select().from(permissionGroups).where(eq(permissionGroups.id, permissionGroupId))).toEqual([]);
    expect(
      (
        await db.select({ n: count() }).from(permissionGroupMembers).where(eq(permissionGroupMembers.userId, person.id))
      )[0]!.n,
    ).toBe(0);
    expect((await loadActor(db, person.id))?.permissions.has("content.approve")).toBe(false);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "permission_group.deleted"));
    expect(entry).toMatchObject({ before: { name: "Temporary approvers", members: [person.id] } });
    // An empty group needs no typed name.
    const empty = await owner.permissionGroups.create({ name: "Unused", permissions: [] });
    expect(await owner.permissionGroups.delete({ permissionGroupId: empty.permissionGroupId })).toEqual({
      membersRemoved: 0,
    });
  });

  it("a person in two groups holds the union of their permissions, and loses only what the group taken away gave", async () => {
    const owner = as("owner");
    const approvers = await owner.permissionGroups.create({ name: "Approvers only", permissions: ["content.approve"] });
    const publishers = await owner.permissionGroups.create({
      name: "Publishers only",
      permissions: ["content.publish"],
    });
    const person = demo.users.market;
    for (const group of [approvers, publishers])
      await owner.users.setPermissionGroupMember({
        userId: person,
        permissionGroupId: group.permissionGroupId,
        member: true,
      });
    expect([...(await loadActor(db, person))!.permissions].sort()).toEqual(["content.approve", "content.publish"]);
    await owner.users.setPermissionGroupMember({
      userId: person,
      permissionGroupId: approvers.permissionGroupId,
      member: false,
    });
    expect([...(await loadActor(db, person))!.permissions]).toEqual(["content.publish"]);
    // On top of the role, never beyond it: approving and publishing stay the owner's operations.
    const actor = (await loadActor(db, person))!;
    expect(can(actor, "content.publish")).toEqual({ allowed: false, reason: "role" });
  });
});

describe("boards.moderate, on top of the role and within it", () => {
  it("makes a member a moderator of the boards they are a member of, and of no other", async () => {
    const owner = as("owner");
    const { permissionGroupId } = await owner.permissionGroups.create({
      name: "Trainers who moderate",
      permissions: ["boards.moderate"],
    });
    const product = demo.users.product;
    const without = (await loadActor(db, product))!;
    const board = (member: boolean) => ({ type: "board" as const, boardId: "b", ownerPath: "/x/", member });
    expect(can(without, "board.moderate", board(true))).toEqual({ allowed: false, reason: "scope" });
    await owner.users.setPermissionGroupMember({ userId: product, permissionGroupId, member: true });
    const holder = (await loadActor(db, product))!;
    expect(can(holder, "board.moderate", board(true))).toEqual({ allowed: true, as: "moderator" });
    expect(can(holder, "board.read", board(true))).toEqual({ allowed: true, as: "moderator" });
    expect(can(holder, "board.moderate", board(false))).toEqual({ allowed: false, reason: "scope" });
    expect(can(holder, "board.read", board(false))).toEqual({ allowed: false, reason: "scope" });
  });
});
