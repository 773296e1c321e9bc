import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../db/client";
import {
  auditLog,
  emailOutbox,
  nodes,
  permissionGroupMembers,
  permissionGroups,
  roleAssignments,
  settings,
  users,
} from "../db/schema";
import { invitationFor } from "../invitations/accept";
import { loadActor } from "../scope";
import { createTestDatabase } from "../testing/test-database";
import { runSetUp, setupFields } from "./set-up-command";
import { ALREADY_SET_UP, setUpInstallation } from "./set-up";

// A database the demo seed never touched: only the migrations have run.
const { db } = await createTestDatabase();
const links = { appUrl: "http://localhost:3000", secret: "test-secret-test-secret-test-secret-0123" };

async function everything() {
  const [tree, people, roles, groups, groupMembers, audits, outbox, row] = await Promise.all([
    db.select({ n: count() }).from(nodes),
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(roleAssignments),
    db.select({ n: count() }).from(permissionGroups),
    db.select({ n: count() }).from(permissionGroupMembers),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(emailOutbox),
    db.select({ n: count() }).from(settings),
  ]);
  return [tree, people, roles, groups, groupMembers, audits, outbox, row].map((rows) => rows[0]!.n);
}

async function quietly(fields: Parameters<typeof runSetUp>[0], whenSetUp: "refuse" | "skip" = "refuse") {
  const lines: string[] = [];
  const status = await runSetUp(fields, whenSetUp, (line) => lines.push(line));
  return { status, output: lines.join("\n") };
}

const first = {
  ownerName: "Helix Medical",
  adminEmail: "Olivia.Owens@Helix.example",
  adminFirstName: "Olivia",
  adminLastName: "Owens",
};

describe("setting up an empty installation", () => {
  it("refuses bad input with a sentence and writes nothing", async () => {
    const before = await everything();
    for (const [fields, sentence] of [
      [{ ...first, adminEmail: "not-an-address" }, "email address as name@example.com"],
      [{ ...first, ownerName: "   " }, "Give the owner organisation's name."],
      [{ ...first, adminFirstName: "" }, "Give the first owner admin's first name."],
      [{ ...first, adminLastName: undefined }, "Give the first owner admin's last name."],
      [{ ...first, ownerName: "x".repeat(201) }, "under 200 characters"],
    ] as const) {
      const { status, output } = await quietly(fields);
      expect(status, JSON.stringify(fields)).toBe(1);
      expect(output).toContain("Set-up refused:");
      expect(output).toContain(sentence);
    }
    expect(await everything()).toEqual(before);
    expect(before.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("takes the command's options before the SETUP_* variables", () => {
    expect(
      setupFields(
        { owner: "From the option" },
        { SETUP_OWNER_NAME: "From the environment", SETUP_ADMIN_EMAIL: "a@b.example" },
      ),
    ).toEqual({
      ownerName: "From the option",
      adminEmail: "a@b.example",
      adminFirstName: undefined,
      adminLastName: undefined,
    });
  });

  it("creates the owner, its first owner admin in a group with Approve and Publish, and their invitation, in one go", async () => {
    const { status, output } = await quietly(first);
    expect(status).toBe(0);
    // No email provider in this environment: the link is printed, and the output says why.
    expect(output).toContain("No email provider is configured");
    const link = /http:\/\/localhost:3000\/invite\/(\S+)/.exec(output)?.[1];
    expect(link).toBeDefined();

    const [owner] = await db.select().from(nodes).where(eq(nodes.kind, "owner"));
    expect(owner?.name).toBe("Helix Medical");
    const [admin] = await db.select().from(users);
    expect(admin).toMatchObject({
      email: "olivia.owens@helix.example",
      firstName: "Olivia",
      lastName: "Owens",
      primaryRole: "owner_admin",
      status: "not_invited",
      passwordHash: null,
    });
    expect(
      await db.select({ role: roleAssignments.role, nodeId: roleAssignments.nodeId }).from(roleAssignments),
    ).toEqual([{ role: "owner_admin", nodeId: owner!.id }]);
    const [group] = await db.select().from(permissionGroups);
    expect(group?.permissions.sort()).toEqual(["content.approve", "content.publish"]);
    expect(await db.select().from(permissionGroupMembers)).toMatchObject([
      { permissionGroupId: group!.id, userId: admin!.id },
    ]);
    const [settingsRow] = await db.select().from(settings);
    expect(settingsRow).toMatchObject({ installationName: "Helix Medical", requireTwoFactorForOwnerAdmins: true });

    // The link is the invitation's: it names the admin, and it is the one emailed through the outbox.
    expect((await invitationFor(db, link!))?.email).toBe("olivia.owens@helix.example");
    const [email] = await db.select().from(emailOutbox);
    expect(email).toMatchObject({ kind: "invitation", toAddress: "olivia.owens@helix.example" });
    expect(email!.text).toContain(link);

    const actions = (await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog)).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "installation.set_up",
        "user.created",
        "permission_group.created",
        "user.permission_group_added",
        "user.invited",
      ]),
    );

    // Owner admins need two-step verification in a new installation: the admin's role gives them
    // nothing until they have set it up, and the resolver sees both permissions.
    const actor = await loadActor(db, admin!.id);
    expect(actor?.awaitsTwoFactor).toBe(true);
    expect([...actor!.permissions].sort()).toEqual(["content.approve", "content.publish"]);
  });

  it("refuses once an owner exists, from the command (exit 1) and directly, and changes nothing", async () => {
    const before = await everything();
    const again = await quietly({ ...first, adminEmail: "intruder@elsewhere.example" });
    expect(again).toEqual({ status: 1, output: `Set-up refused: ${ALREADY_SET_UP}` });
    await expect(setUpInstallation(db, links, { ...first, adminEmail: "intruder@elsewhere.example" })).rejects.toThrow(
      ALREADY_SET_UP,
    );
    expect(await everything()).toEqual(before);
  });

  it("in the migrate step, says the installation is set up and goes on (exit 0), changing nothing", async () => {
    const before = await everything();
    const { status, output } = await quietly({ ...first, adminEmail: "second@helix.example" }, "skip");
    expect(status).toBe(0);
    expect(output).toContain("set up already");
    expect(await everything()).toEqual(before);
  });
});

describe("setting up twice at once", () => {
  it("makes exactly one owner and one admin", async () => {
    // A second empty database of its own (db() stays the first one's).
    const { url } = await createTestDatabase();
    const { db: fresh, close } = createDatabase(url, { max: 4 });
    const outcomes = await Promise.allSettled(
      ["one", "two", "three"].map((who) =>
        setUpInstallation(fresh, links, { ...first, adminEmail: `${who}@helix.example` }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect((await fresh.select({ n: count() }).from(nodes))[0]!.n).toBe(1);
    expect((await fresh.select({ n: count() }).from(users))[0]!.n).toBe(1);
    await close();
  });
});
