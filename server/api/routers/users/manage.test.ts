import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, memberships, roleAssignments, settings, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { completeBulk, requestKey } from "../../../testing/bulk-jobs";
import { callerFor } from "../../../testing/callers";
import { createTestDatabase } from "../../../testing/test-database";
import { isolationFixtures, reach, type DemoGroup, type MatrixActor } from "../../../testing/isolation";

// Photos set by the matrix go to a folder of this run, not the developer's .data.
const { db } = await createTestDatabase({ UPLOAD_DIR: await mkdtemp(path.join(os.tmpdir(), "matrix-uploads-")) });
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

type Actor = MatrixActor;
type Group = DemoGroup;
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);

const procedures = {
  byId: (actor: Actor, target: { id: string; email: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.byId({ userId: target.id }),
  updatePersonalData: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.updatePersonalData({
      userId: target.id,
      firstName: "Changed",
      lastName: "Name",
      phone: null,
      position: null,
    }),
  setSuspended: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.setSuspended({ userId: target.id, suspended: true }),
  unlock: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.unlock({ userId: target.id }),
  endSessions: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.endSessions({ userId: target.id }),
  delete: (actor: Actor, target: { id: string; email: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.delete({ userId: target.id, confirmEmail: target.email }),
  setPhoto: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.setPhoto({ userId: target.id, base64: onePixelPng }),
  removePhoto: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.removePhoto({ userId: target.id }),
  requestEmailChange: (actor: Actor, target: { id: string; email: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.requestEmailChange({
      userId: target.id,
      newEmail: `changed.${target.email}`,
    }),
  cancelEmailChange: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.cancelEmailChange({ userId: target.id }),
  bulkSuspend: async (actor: Actor, target: { id: string }) => {
    const { outcomes } = await completeBulk(
      db,
      callerFor(db, demo.users[actorUser(actor)]).users.bulk({
        requestKey: requestKey(),
        action: "suspend",
        userIds: [target.id],
      }),
    );
    // A bulk action reports a refusal per user instead of failing the request.
    if (!outcomes[0]?.ok) throw Object.assign(new Error(outcomes[0]?.message ?? "refused"), { code: "NOT_FOUND" });
    return outcomes;
  },
};
const onePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
// The account actions, beyond those above: each must be refused on an account shared with a tenant
// outside the actor's scope.
const accountActions = {
  ...procedures,
  invite: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.invite({ userId: target.id }),
  invitationLink: (actor: Actor, target: { id: string }) =>
    callerFor(db, demo.users[actorUser(actor)]).users.invitation({ userId: target.id }),
  bulkDelete: async (actor: Actor, target: { id: string }) => {
    const { outcomes } = await completeBulk(
      db,
      callerFor(db, demo.users[actorUser(actor)]).users.bulk({
        requestKey: requestKey(),
        action: "delete",
        userIds: [target.id],
        confirmDeletion: true,
      }),
    );
    if (!outcomes[0]?.ok) throw Object.assign(new Error(outcomes[0]?.message ?? "refused"), { code: "FORBIDDEN" });
    return outcomes;
  },
};
function actorUser(actor: Actor): keyof DemoInstallation["users"] {
  return actor;
}

describe("isolation matrix: a user placed in two tenants", () => {
  const { byId: _read, ...actions } = accountActions;
  for (const actor of Object.keys(reach) as Actor[]) {
    const { inside, outside } = reach[actor];
    if (!inside || !outside) continue;
    for (const [name, call] of Object.entries(actions)) {
      it(`${name}: ${actor} admin may not act on the account of someone also placed outside their scope, and nothing changes`, async () => {
        const target = await freshUserIn(inside, [outside]);
        const before = await snapshot();
        const refusal = await call(actor, target).catch((error: { code?: string; message?: string }) => error);
        // FORBIDDEN over the API (a bulk action reports it per user), with the reason in words.
        expect(refusal).toMatchObject({ message: expect.stringMatching(/outside your scope/) });
        expect(await snapshot()).toEqual(before);
      });
    }
    it(`byId: ${actor} admin reads the shared user, with placements cut to their scope and the reason they may not act`, async () => {
      const target = await freshUserIn(inside, [outside]);
      const detail = await callerFor(db, demo.users[actor]).users.byId({ userId: target.id });
      expect(detail.groups.map((g) => g.nodeId)).toEqual([demo.nodes[inside]]);
      expect(detail.placementsOutsideScope).toBe(1);
      expect(detail.may).toMatchObject({ account: false, membership: true });
      expect(detail.accountRefusal).toMatch(/outside your scope/);
      const listed = await callerFor(db, demo.users[actor]).users.list({ search: target.email });
      expect(listed.items[0]?.organisationPaths).toHaveLength(1);
    });
  }
});

describe("isolation matrix: every users procedure that takes a user id", () => {
  for (const [name, call] of Object.entries(procedures)) {
    for (const actor of Object.keys(reach) as Actor[]) {
      const { inside, outside } = reach[actor];
      if (inside) {
        it(`${name}: ${actor} admin acts on a user inside their scope`, async () => {
          const target = await freshUserIn(inside);
          await expect(call(actor, target)).resolves.toBeTruthy();
        });
      }
      if (outside) {
        it(`${name}: ${actor} ${actor === "product" ? "user" : "admin"} is refused outside their scope and nothing changes`, async () => {
          const target = await freshUserIn(outside);
          const before = await snapshot();
          const refusal = await call(actor, target).catch((error: { code?: string }) => error.code);
          expect(["NOT_FOUND", "FORBIDDEN"]).toContain(refusal);
          expect(await snapshot()).toEqual(before);
        });
      }
    }
  }

  for (const actor of Object.keys(reach) as Actor[]) {
    const { inside, outside } = reach[actor];
    const create = (group: Group) =>
      callerFor(db, demo.users[actor]).users.create({
        email: `created-${actor}-${group}-${Date.now()}@hospital.example`,
        firstName: "New",
        lastName: "Person",
        phone: null,
        position: null,
        groupIds: [demo.nodes[group]],
      });
    if (inside)
      it(`create: ${actor} admin creates a user in a group inside their scope`, async () =>
        expect((await create(inside)).userId).toMatch(/[0-9a-f-]{36}/));
    if (outside) {
      it(`create: ${actor} is refused in a group outside their scope and nothing changes`, async () => {
        const before = await snapshot();
        await expect(create(outside)).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
        expect(await snapshot()).toEqual(before);
      });
    }
  }
});

describe("escalation and safety", () => {
  it("a group admin sees but may not suspend a customer admin who is in their group (FORBIDDEN)", async () => {
    await db.insert(memberships).values({ userId: demo.users.customer, nodeId: demo.nodes.cardiology });
    const { refreshUserScopes } = await import("../../../scope/user-scopes");
    await refreshUserScopes(db, [demo.users.customer]);
    const group = callerFor(db, demo.users.group);
    await expect(group.users.byId({ userId: demo.users.customer })).resolves.toMatchObject({
      email: "customer@helix.example",
    });
    const before = await snapshot();
    await expect(group.users.setSuspended({ userId: demo.users.customer, suspended: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("a market admin cannot suspend the owner admin", async () => {
    await expect(
      callerFor(db, demo.users.market).users.setSuspended({ userId: demo.users.owner, suspended: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("nobody suspends or deletes themselves", async () => {
    const owner = callerFor(db, demo.users.owner);
    await expect(owner.users.setSuspended({ userId: demo.users.owner, suspended: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "You cannot suspend your own account.",
    });
    await expect(
      owner.users.delete({ userId: demo.users.owner, confirmEmail: "owner@helix.example" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("deleting needs the user's email typed exactly; a wrong one deletes nothing", async () => {
    const target = await freshUserIn("cardiology");
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    await expect(
      owner.users.delete({ userId: target.id, confirmEmail: "someone.else@hospital.example" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
    await owner.users.delete({ userId: target.id, confirmEmail: target.email.toUpperCase() });
    expect(await db.select().from(users).where(eq(users.id, target.id))).toEqual([]);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entry).toMatchObject({
      action: "user.deleted",
      actorId: demo.users.owner,
      // The entry outlives the erasure of their personal data: it names nobody.
      after: { erasure: expect.any(String) },
    });
    expect(JSON.stringify(entry)).not.toContain(target.email);
  });

  const newPerson = (tag: string) => ({
    email: `with-role-${tag}-${Date.now()}@stolav.example`,
    firstName: "New",
    lastName: "Admin",
    phone: null,
    position: null,
  });

  it("a customer admin adds a user who is at once group admin of a group of their customer, in one audited step", async () => {
    const { userId } = await callerFor(db, demo.users.customer).users.create({
      ...newPerson("granted"),
      groupIds: [demo.nodes.cardiology],
      roles: [{ role: "group_admin", nodeId: demo.nodes.orTechs }],
    });
    const [created] = await db.select().from(users).where(eq(users.id, userId));
    expect(created?.primaryRole).toBe("group_admin");
    const held = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
    expect(held).toEqual([
      expect.objectContaining({ role: "group_admin", nodeId: demo.nodes.orTechs, grantedBy: demo.users.customer }),
    ]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, userId));
    expect(entries.map((entry) => entry.action).sort()).toEqual(["user.created", "user.invited", "user.role_granted"]);
  });

  it("a role the creator may not grant, or at a node out of their reach or of the wrong kind, adds nobody", async () => {
    const refusals: [
      keyof typeof demo.users,
      { role: "group_admin" | "customer_admin" | "market_admin"; nodeId: string },
    ][] = [
      // A customer admin may not make market admins.
      ["customer", { role: "market_admin", nodeId: demo.nodes.nordics }],
      // Nor group admins of another customer's group.
      ["customer", { role: "group_admin", nodeId: demo.nodes.endoscopy }],
      // A group admin grants no roles at all.
      ["group", { role: "group_admin", nodeId: demo.nodes.cardiology }],
    ];
    for (const [actor, role] of refusals) {
      const before = await snapshot();
      const code = await callerFor(db, demo.users[actor])
        .users.create({ ...newPerson(actor), groupIds: [demo.nodes.cardiology], roles: [role] })
        .then(
          () => "OK",
          (error: { code?: string }) => error.code,
        );
      expect(["FORBIDDEN", "NOT_FOUND"], `${actor} granting ${role.role}`).toContain(code);
      expect(await snapshot()).toEqual(before);
    }
    // A customer admin role is held at a customer, not at a group: said, and nobody is added.
    const before = await snapshot();
    await expect(
      callerFor(db, demo.users.owner).users.create({
        ...newPerson("wrong-kind"),
        groupIds: [demo.nodes.cardiology],
        roles: [{ role: "customer_admin", nodeId: demo.nodes.cardiology }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("held at a customer") });
    expect(await snapshot()).toEqual(before);
  });

  it("an email already in use is refused with CONFLICT", async () => {
    await expect(
      callerFor(db, demo.users.owner).users.create({
        email: "USER@helix.example",
        firstName: "A",
        lastName: "B",
        phone: null,
        position: null,
        groupIds: [demo.nodes.cardiology],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("bad input gets BAD_REQUEST with the field's message and changes nothing", async () => {
    const before = await snapshot();
    const owner = callerFor(db, demo.users.owner);
    await expect(
      owner.users.create({
        email: "nope",
        firstName: "",
        lastName: "B",
        phone: null,
        position: null,
        groupIds: [demo.nodes.cardiology],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.updatePersonalData({
        userId: demo.users.product,
        firstName: "A",
        lastName: "B",
        phone: "<script>",
        position: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.create({
        email: "x@y.example",
        firstName: "A",
        lastName: "B",
        phone: null,
        position: null,
        groupIds: [demo.nodes.stOlav],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("seat limit, suspension and audit", () => {
  it("refuses creating or reactivating past the seat limit, and suspending frees a seat", async () => {
    const owner = callerFor(db, demo.users.owner);
    const [{ used }] = (await db.execute<{ used: number }>(
      sql`select count(*)::int as used from users where suspended_at is null`,
    )) as unknown as [{ used: number }];
    await db.update(settings).set({ seatLimit: used }).where(eq(settings.id, true));
    try {
      const input = {
        email: "seat@hospital.example",
        firstName: "Seat",
        lastName: "Taker",
        phone: null,
        position: null,
        groupIds: [demo.nodes.cardiology],
      };
      await expect(owner.users.create(input)).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining(`${used} of ${used} seats`),
      });
      await expect(owner.users.setSuspended({ userId: demo.users.suspended, suspended: false })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
      });
      await owner.users.setSuspended({ userId: demo.users.devonUser, suspended: true });
      await expect(owner.users.create(input)).resolves.toMatchObject({
        userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    } finally {
      await db.update(settings).set({ seatLimit: null }).where(eq(settings.id, true));
    }
  });

  it("a suspension is audited with who, when, from where, before and after, and ends the user's access", async () => {
    const target = await freshUserIn("endoscopy");
    await callerFor(db, demo.users.owner).users.setSuspended({ userId: target.id, suspended: true });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entry).toMatchObject({
      action: "user.suspended",
      actorId: demo.users.owner,
      ip: "203.0.113.7",
      before: expect.objectContaining({ suspended: false }),
      after: expect.objectContaining({ suspended: true }),
    });
    expect(entry?.after).not.toHaveProperty("passwordHash");
    await expect(callerFor(db, target.id).users.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("unlocking clears the lock and the failure count", async () => {
    const target = await freshUserIn("endoscopy");
    await db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000), failedLoginAttempts: 5 })
      .where(eq(users.id, target.id));
    await callerFor(db, demo.users.owner).users.unlock({ userId: target.id });
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
  });

  it("the user page explains why the admin can see the user", async () => {
    const detail = await callerFor(db, demo.users.market).users.byId({ userId: demo.users.product });
    expect(detail.why).toEqual({
      role: "market_admin",
      at: ["Nordics"],
      placement: { via: "membership", path: ["Nordics", "St Olav University Hospital", "Cardiology nurses"] },
    });
    expect(detail.groups.map((g) => g.path.at(-1))).toEqual(["Cardiology nurses"]);
  });
});

describe("resetTwoFactor: an account action", () => {
  const withTwoFactor = async (group: Group, extra: Group[] = []) => {
    const target = await freshUserIn(group, extra);
    await db.update(users).set({ twoFactorEnabled: true, totpSecret: "encrypted" }).where(eq(users.id, target.id));
    return target;
  };

  it("an admin whose scope covers the account turns it off; the person is emailed", async () => {
    const target = await withTwoFactor("orTechs");
    await callerFor(db, demo.users.customer).users.resetTwoFactor({ userId: target.id });
    expect((await db.select().from(users).where(eq(users.id, target.id)))[0]).toMatchObject({
      twoFactorEnabled: false,
      totpSecret: null,
    });
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, target.id));
    expect(mails.map((m) => m.kind)).toEqual(["two_factor_reset"]);
  });

  for (const [label, place, code] of [
    ["outside their scope", (): Promise<{ id: string }> => withTwoFactor("endoscopy"), "NOT_FOUND"],
    [
      "also placed outside their scope",
      (): Promise<{ id: string }> => withTwoFactor("orTechs", ["endoscopy"]),
      "FORBIDDEN",
    ],
  ] as const) {
    it(`is refused for a person ${label}, and nothing changes`, async () => {
      const target = await place();
      const before = await snapshot();
      await expect(
        callerFor(db, demo.users.customer).users.resetTwoFactor({ userId: target.id }),
      ).rejects.toMatchObject({ code });
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe("adding a user: Send the invitation now", () => {
  const newPerson = (tag: string) => ({
    email: `${tag}-${Date.now()}@stolav.example`,
    firstName: "New",
    lastName: "Nurse",
    phone: null,
    position: null,
  });
  it("on (the default), queues their invitation with the creation; off, they stay Not invited with no email", async () => {
    const admin = callerFor(db, demo.users.customer);
    const invited = await admin.users.create({ ...newPerson("invite-now"), groupIds: [demo.nodes.cardiology] });
    expect(invited.invited).toBe(true);
    const [person] = await db.select().from(users).where(eq(users.id, invited.userId));
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, invited.userId));
    expect(emails.map((email) => [email.kind, email.toAddress])).toEqual([["invitation", person!.email]]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, invited.userId));
    expect(entries.map((entry) => entry.action)).toEqual(["user.created", "user.invited"]);

    const later = await admin.users.create({
      ...newPerson("invite-later"),
      groupIds: [demo.nodes.cardiology],
      inviteNow: false,
    });
    expect(later.invited).toBe(false);
    const [waiting] = await db.select().from(users).where(eq(users.id, later.userId));
    expect(waiting?.status).toBe("not_invited");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.userId, later.userId))).toEqual([]);
  });
});
