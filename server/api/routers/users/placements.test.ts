import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, permissionGroups, roleAssignments, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures, matrixActors, reach, type DemoGroup, type MatrixActor } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const as = (actor: MatrixActor | keyof DemoInstallation["users"]) => callerFor(db, demo.users[actor]);

// A second group the actor reaches beside `inside`, so memberships can be added and removed.
const secondGroup: Record<MatrixActor, DemoGroup | null> = {
  owner: "trainers",
  market: "cardiology",
  customer: "cardiology",
  group: null,
  product: null,
};

describe("isolation matrix: group membership, roles and permission groups", () => {
  for (const actor of matrixActors) {
    const { inside, outside } = reach[actor];
    const second = secondGroup[actor];
    if (inside && second) {
      it(`addToGroup / removeFromGroup: ${actor} admin moves a user between groups inside their scope`, async () => {
        const target = await freshUserIn(inside);
        await as(actor).users.addToGroup({ userId: target.id, groupId: demo.nodes[second] });
        await as(actor).users.removeFromGroup({ userId: target.id, groupId: demo.nodes[inside] });
        expect(
          (await db.select().from(memberships).where(eq(memberships.userId, target.id))).map((m) => m.nodeId),
        ).toEqual([demo.nodes[second]]);
      });
    }
    if (outside) {
      it(`addToGroup / removeFromGroup / grantRole: ${actor} is refused for a user outside their scope, and nothing changes`, async () => {
        const target = await freshUserIn(outside);
        const ownGroup = demo.nodes[inside ?? "cardiology"];
        const before = await snapshot();
        for (const call of [
          () => as(actor).users.addToGroup({ userId: target.id, groupId: ownGroup }),
          () => as(actor).users.removeFromGroup({ userId: target.id, groupId: demo.nodes[outside] }),
          () => as(actor).users.grantRole({ userId: target.id, role: "group_admin", nodeId: demo.nodes[outside] }),
          () =>
            as(actor).users.setPermissionGroupMember({
              userId: target.id,
              permissionGroupId: "00000000-0000-4000-8000-000000000000",
              member: true,
            }),
        ]) {
          await expect(call()).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
        }
        expect(await snapshot()).toEqual(before);
      });
      if (inside) {
        it(`addToGroup / grantRole: ${actor} admin cannot pull their own user into a group outside their scope`, async () => {
          const target = await freshUserIn(inside);
          const before = await snapshot();
          await expect(
            as(actor).users.addToGroup({ userId: target.id, groupId: demo.nodes[outside] }),
          ).rejects.toMatchObject({ code: "NOT_FOUND" });
          await expect(
            as(actor).users.grantRole({ userId: target.id, role: "group_admin", nodeId: demo.nodes[outside] }),
          ).rejects.toMatchObject({ code: "NOT_FOUND" });
          expect(await snapshot()).toEqual(before);
        });
      }
    }
  }

  it("revokeRole: a role outside the actor's scope is NOT_FOUND and stays", async () => {
    const target = await freshUserIn("clinicSurgeons");
    await as("owner").users.grantRole({ userId: target.id, role: "group_admin", nodeId: demo.nodes.clinicSurgeons });
    const [assignment] = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id));
    const before = await snapshot();
    for (const actor of ["market", "customer", "group"] as const) {
      await expect(as(actor).users.revokeRole({ assignmentId: assignment!.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(as("product").users.revokeRole({ assignmentId: assignment!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("granting and revoking roles", () => {
  it("a customer admin makes a user group admin of a group in their customer; the primary role and scope follow", async () => {
    const target = await freshUserIn("orTechs");
    await as("customer").users.grantRole({ userId: target.id, role: "group_admin", nodeId: demo.nodes.orTechs });
    const [row] = await db.select({ primaryRole: users.primaryRole }).from(users).where(eq(users.id, target.id));
    expect(row?.primaryRole).toBe("group_admin");
    // The new group admin now administers their group.
    const list = await callerFor(db, target.id).users.list({});
    expect(list.items.length).toBeGreaterThan(0);
    const [assignment] = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id));
    expect(assignment).toMatchObject({ role: "group_admin", grantedBy: demo.users.customer });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, target.id), eq(auditLog.action, "user.role_granted")));
    expect(entry).toMatchObject({
      actorId: demo.users.customer,
      after: expect.objectContaining({ role: "group_admin" }),
    });

    await as("customer").users.revokeRole({ assignmentId: assignment!.id });
    const [after] = await db.select({ primaryRole: users.primaryRole }).from(users).where(eq(users.id, target.id));
    expect(after?.primaryRole).toBe("product_user");
    await expect(callerFor(db, target.id).users.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("escalation: a customer admin cannot grant market admin, nor customer admin of another customer; a group admin grants nothing", async () => {
    const target = await freshUserIn("orTechs");
    const before = await snapshot();
    await expect(
      as("customer").users.grantRole({ userId: target.id, role: "market_admin", nodeId: demo.nodes.nordics }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      as("customer").users.grantRole({ userId: target.id, role: "owner_admin", nodeId: demo.nodes.owner }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      as("customer").users.grantRole({ userId: target.id, role: "customer_admin", nodeId: demo.nodes.clinic }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      as("market").users.grantRole({ userId: target.id, role: "market_admin", nodeId: demo.nodes.nordics }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const groupMember = await freshUserIn("cardiology");
    await expect(
      as("group").users.grantRole({ userId: groupMember.id, role: "group_admin", nodeId: demo.nodes.cardiology }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const afterwards = await snapshot();
    expect({ ...afterwards, everyone: undefined, placed: undefined, scopes: undefined }).toEqual({
      ...before,
      everyone: undefined,
      placed: undefined,
      scopes: undefined,
    });
  });

  it("a role is held at a node of its kind: customer admin at a group is refused with a clear message", async () => {
    const target = await freshUserIn("orTechs");
    await expect(
      as("owner").users.grantRole({ userId: target.id, role: "customer_admin", nodeId: demo.nodes.orTechs }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "A customer admin role is held at a customer, not at a group.",
    });
  });

  it("nobody revokes their own role", async () => {
    const [own] = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, demo.users.owner));
    await expect(as("owner").users.revokeRole({ assignmentId: own!.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("market admins and customers", () => {
  it("a market admin cannot be made a member of a customer's group, with a clear error; a market-level group is fine", async () => {
    const before = await snapshot();
    await expect(
      as("owner").users.addToGroup({ userId: demo.users.market, groupId: demo.nodes.cardiology }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("A market admin cannot be placed in a customer"),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("a market admin cannot be given an admin role inside a customer or one of its groups, by anyone", async () => {
    const before = await snapshot();
    for (const [role, node] of [
      ["customer_admin", "stOlav"],
      ["group_admin", "cardiology"],
    ] as const) {
      await expect(
        as("owner").users.grantRole({ userId: demo.users.market, role, nodeId: demo.nodes[node] }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message:
          "A market admin cannot hold an admin role in a customer or in one of its groups: the customer's own admins do that.",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a market admin cannot manage another market admin: the owner does", async () => {
    const other = await freshUserIn("nordicTeam");
    await as("owner").users.grantRole({ userId: other.id, role: "market_admin", nodeId: demo.nodes.nordics });
    const before = await snapshot();
    await expect(as("market").users.setSuspended({ userId: other.id, suspended: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This user holds a role as high as yours or higher: an administrator above you manages them.",
    });
    await expect(
      as("market").users.removeFromGroup({ userId: other.id, groupId: demo.nodes.nordicTeam }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
    await as("owner").users.setSuspended({ userId: other.id, suspended: true });
  });

  it("a user placed in a customer cannot be made market admin until they leave it", async () => {
    const target = await freshUserIn("orTechs");
    await expect(
      as("owner").users.grantRole({ userId: target.id, role: "market_admin", nodeId: demo.nodes.nordics }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await as("owner").users.addToGroup({ userId: target.id, groupId: demo.nodes.nordicTeam });
    await as("owner").users.removeFromGroup({ userId: target.id, groupId: demo.nodes.orTechs });
    await as("owner").users.grantRole({ userId: target.id, role: "market_admin", nodeId: demo.nodes.nordics });
    const [row] = await db.select({ primaryRole: users.primaryRole }).from(users).where(eq(users.id, target.id));
    expect(row?.primaryRole).toBe("market_admin");
  });

  it("removing a user's last group is refused: they would belong nowhere", async () => {
    const target = await freshUserIn("orTechs");
    const before = await snapshot();
    await expect(
      as("customer").users.removeFromGroup({ userId: target.id, groupId: demo.nodes.orTechs }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("permission groups", () => {
  it("only an owner admin puts a user in a permission group, and the permission takes effect", async () => {
    const [publishers] = await db.select().from(permissionGroups);
    const target = await freshUserIn("trainers");
    await expect(
      as("market").users.setPermissionGroupMember({
        userId: demo.users.product,
        permissionGroupId: publishers!.id,
        member: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("market").users.permissionGroups()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as("owner").users.permissionGroups()).map((g) => g.name)).toEqual([
      "Content approvers and publishers",
    ]);
    await as("owner").users.setPermissionGroupMember({
      userId: target.id,
      permissionGroupId: publishers!.id,
      member: true,
    });
    const detail = await as("owner").users.byId({ userId: target.id });
    expect(detail.permissionGroups.map((g) => g.name)).toEqual(["Content approvers and publishers"]);
    await as("owner").users.setPermissionGroupMember({
      userId: target.id,
      permissionGroupId: publishers!.id,
      member: false,
    });
    expect((await as("owner").users.byId({ userId: target.id })).permissionGroups).toEqual([]);
  });
});
