import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;

beforeAll(async () => {
  const seeded = await seedDemo(db);
  if (!seeded) throw new Error("fresh database expected");
  demo = seeded;
});

const emailsOf = (items: { email: string }[]) => items.map((u) => u.email).sort();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("users.list is filtered by the scope resolver", () => {
  it("shows an owner admin everyone", async () => {
    const result = await callerFor(db, demo.users.owner).users.list({});
    expect(result.total).toBe(10);
  });

  it("shows a market admin the users of their market and its customers only", async () => {
    const result = await callerFor(db, demo.users.market).users.list({});
    expect(emailsOf(result.items)).toEqual(
      [
        "customer@helix.example",
        "erik.strand@stolav.example",
        "group@helix.example",
        "kari.dahl@stolav.example",
        "market@helix.example",
        "ola.nordmann@stolav.example",
        "user@helix.example",
      ].sort(),
    );
  });

  it("shows a customer admin only their customer's users", async () => {
    const result = await callerFor(db, demo.users.customer).users.list({});
    expect(result.total).toBe(6);
    expect(emailsOf(result.items)).not.toContain("laura.garcia@clinic.example");
    expect(emailsOf(result.items)).not.toContain("market@helix.example");
  });

  it("shows a group admin only their group's members", async () => {
    const result = await callerFor(db, demo.users.group).users.list({});
    expect(emailsOf(result.items)).toEqual(["group@helix.example", "kari.dahl@stolav.example", "user@helix.example"]);
  });

  it("searches the start of first name, last name or email, every word, within the scope", async () => {
    const owner = callerFor(db, demo.users.owner);
    expect(emailsOf((await owner.users.list({ search: "garcía" })).items)).toEqual(["laura.garcia@clinic.example"]);
    expect(emailsOf((await owner.users.list({ search: "ingrid nil" })).items)).toEqual(["user@helix.example"]);
    expect(emailsOf((await owner.users.list({ search: "KARI.dahl@" })).items)).toEqual(["kari.dahl@stolav.example"]);
    expect((await owner.users.list({ search: "ingrid hughes" })).total).toBe(0);
    expect((await callerFor(db, demo.users.customer).users.list({ search: "laura" })).total).toBe(0);
  });

  it("treats LIKE wildcards in a search as plain characters", async () => {
    expect((await callerFor(db, demo.users.owner).users.list({ search: "%" })).total).toBe(0);
    expect((await callerFor(db, demo.users.owner).users.list({ search: "_" })).total).toBe(0);
  });

  it("pages forward and back with a keyset cursor, in every sort order", async () => {
    const owner = callerFor(db, demo.users.owner);
    for (const [sort, order] of [
      ["name", "asc"],
      ["email", "desc"],
      ["created", "asc"],
      ["lastLogin", "desc"],
      ["lastLogin", "asc"],
    ] as const) {
      const all = await owner.users.list({ sort, order, pageSize: 100 });
      const first = await owner.users.list({ sort, order, pageSize: 4 });
      expect(first.prevCursor).toBeNull();
      const second = await owner.users.list({ sort, order, pageSize: 4, cursor: first.nextCursor! });
      const third = await owner.users.list({ sort, order, pageSize: 4, cursor: second.nextCursor! });
      expect(third.nextCursor).toBeNull();
      expect([...first.items, ...second.items, ...third.items].map((u) => u.id)).toEqual(all.items.map((u) => u.id));
      const back = await owner.users.list({ sort, order, pageSize: 4, cursor: second.prevCursor!, direction: "prev" });
      expect(back.items.map((u) => u.id)).toEqual(first.items.map((u) => u.id));
      expect(back.prevCursor).toBeNull();
    }
  });

  it("sorts by last login, most recent first, with those who never signed in last", async () => {
    const { sql } = await import("drizzle-orm");
    await db.execute(sql`update users set last_login_at = now() - interval '1 day' where email = 'user@helix.example'`);
    await db.execute(
      sql`update users set last_login_at = now() - interval '2 days' where email = 'group@helix.example'`,
    );
    const page = await callerFor(db, demo.users.owner).users.list({ sort: "lastLogin", order: "desc", pageSize: 100 });
    const logins = page.items.map((u) => u.lastLoginAt?.getTime() ?? null);
    const signedIn = logins.filter((t) => t !== null);
    expect(signedIn).toEqual([...signedIn].sort((a, b) => b - a));
    expect(logins.slice(signedIn.length).every((t) => t === null)).toBe(true);
    expect(page.items.findIndex((u) => u.email === "user@helix.example")).toBeLessThan(
      page.items.findIndex((u) => u.email === "group@helix.example"),
    );
  });

  it("filters by status (Suspended and Locked included), role and node", async () => {
    const owner = callerFor(db, demo.users.owner);
    expect(emailsOf((await owner.users.list({ status: "suspended" })).items)).toEqual(["erik.strand@stolav.example"]);
    expect(emailsOf((await owner.users.list({ status: "not_invited" })).items)).toEqual([
      "ola.nordmann@stolav.example",
    ]);
    expect(emailsOf((await owner.users.list({ role: "market_admin" })).items)).toEqual(["market@helix.example"]);
    expect(emailsOf((await owner.users.list({ nodeId: demo.nodes.orTechs })).items)).toEqual([
      "erik.strand@stolav.example",
      "ola.nordmann@stolav.example",
    ]);
    expect((await owner.users.list({ nodeId: demo.nodes.iberia })).total).toBe(1);
  });

  it("shows each user's place in the tree", async () => {
    const [gustav] = (await callerFor(db, demo.users.owner).users.list({ search: "gustav" })).items;
    expect(gustav?.organisationPaths).toEqual([["Nordics", "St Olav University Hospital", "Cardiology nurses"]]);
  });

  it("refuses a node filter outside the actor's scope as NOT_FOUND", async () => {
    await expect(callerFor(db, demo.users.customer).users.list({ nodeId: demo.nodes.clinic })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, demo.users.group).users.list({ nodeId: demo.nodes.orTechs })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await callerFor(db, demo.users.market).users.list({ nodeId: demo.nodes.orTechs })).total).toBe(2);
  });

  it("refuses a product user (FORBIDDEN), a signed-out caller (UNAUTHORIZED) and bad input (BAD_REQUEST)", async () => {
    expect(await codeOf(callerFor(db, demo.users.product).users.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(db, null).users.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(db, demo.users.owner).users.list({ pageSize: 1000 }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerFor(db, demo.users.owner).users.list({ pageSize: 0 }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerFor(db, demo.users.owner).users.list({ nodeId: "not-a-uuid" }))).toBe("BAD_REQUEST");
  });

  it("refuses a suspended admin on their next request", async () => {
    const caller = callerFor(db, demo.users.customer);
    expect(await codeOf(caller.users.list({}))).toBe("OK");
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, demo.users.customer));
    expect(await codeOf(caller.users.list({}))).toBe("UNAUTHORIZED");
    await db.update(users).set({ suspendedAt: null }).where(eq(users.id, demo.users.customer));
  });
});

describe("users.byId: inside the scope works, outside it is NOT_FOUND with no data", () => {
  const cases: [
    actor: keyof DemoInstallation["users"],
    inside: keyof DemoInstallation["users"],
    outside: keyof DemoInstallation["users"] | null,
  ][] = [
    ["owner", "clinicUser", null],
    ["market", "product", "clinicUser"],
    ["customer", "notInvited", "devonUser"],
    ["group", "invited", "notInvited"],
  ];

  it.each(cases)("%s admin", async (actor, inside, outside) => {
    const caller = callerFor(db, demo.users[actor]);
    const found = await caller.users.byId({ userId: demo.users[inside] });
    expect(found.id).toBe(demo.users[inside]);
    expect(found).not.toHaveProperty("passwordHash");
    if (outside) {
      const attempt = caller.users.byId({ userId: demo.users[outside] });
      await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("a product user sees nobody, not even a member of their own group (NOT_FOUND, as for an unknown id)", async () => {
    await expect(callerFor(db, demo.users.product).users.byId({ userId: demo.users.invited })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an unknown id is NOT_FOUND and a malformed id is BAD_REQUEST", async () => {
    const owner = callerFor(db, demo.users.owner);
    await expect(owner.users.byId({ userId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(owner.users.byId({ userId: "1 or 1=1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
