import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { roleAssignments, settings, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { hospitalAdminsOf } from "./admin-contacts";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const signIn = (email: string, password: string) => callerFor(db, null, "server").auth.login({ email, password });
const share = (on: boolean) =>
  db.update(settings).set({ showAdminContactsWhenSuspended: on }).where(eq(settings.id, true));

describe("whom a suspended person is told to contact", () => {
  it("the customer admins of their hospital, not suspended, not themselves", async () => {
    expect(await hospitalAdminsOf(db, demo.users.suspended)).toEqual([
      { name: "Camilla Haugen", email: "customer@helix.example" },
    ]);
    // Royal Devon has no customer admin: nobody to name.
    expect(await hospitalAdminsOf(db, demo.users.devonUser)).toEqual([]);
    // A suspended admin is nobody's contact.
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, demo.users.customer));
    try {
      expect(await hospitalAdminsOf(db, demo.users.suspended)).toEqual([]);
    } finally {
      await db.update(users).set({ suspendedAt: null }).where(eq(users.id, demo.users.customer));
    }
    // A customer admin is not their own contact.
    const [held] = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, demo.users.customer));
    expect(held?.role).toBe("customer_admin");
    expect(await hospitalAdminsOf(db, demo.users.customer)).toEqual([]);
  });

  it("named at sign-in only with the right password, and only when the owner shares them", async () => {
    await share(true);
    expect(await signIn("erik.strand@stolav.example", "Demo-password-2026")).toEqual({
      outcome: "suspended",
      contacts: [{ name: "Camilla Haugen", email: "customer@helix.example" }],
    });
    // A wrong password learns nothing: the one generic failure.
    expect(await signIn("erik.strand@stolav.example", "not the password")).toEqual({
      outcome: "failed",
      step: "password",
    });
    await share(false);
    expect(await signIn("erik.strand@stolav.example", "Demo-password-2026")).toEqual({
      outcome: "suspended",
      contacts: [],
    });
  });
});
