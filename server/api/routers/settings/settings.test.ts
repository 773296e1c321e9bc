import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { getSettings } from "../../../settings/get-settings";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { snapshot } = isolationFixtures(db, () => demo);
const invitationDefaults = {
  invitationExpiryDays: 7,
  invitationResendIntervalDays: 3,
  invitationResendMax: 3,
  registrationRequestsEnabled: false,
  autoApproveEnabled: false,
  showAdminContactsWhenSuspended: false,
  supportIssuesEnabled: false,
  communityBoardsEnabled: false,
  supportReopenDays: 14,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  ipThrottleFailures: 30,
  ipThrottleMinutes: 15,
  requireTwoFactorForAdmins: false,
  requireTwoFactorForOwnerAdmins: false,
  sessionIdleMinutes: 30,
  sessionMaxHours: 8,
};

describe("settings: the owner's account settings", () => {
  it("an owner admin reads and changes the seat limit and the customers' custom fields, audited", async () => {
    const owner = callerFor(db, demo.users.owner);
    const current = await owner.settings.get();
    expect(current.customerFields.map((f) => f.key)).toEqual(["account_number", "beds", "contract_renewal", "tier"]);
    await owner.settings.updateAccount({
      ...current,
      seatLimit: 500,
      customerFields: [...current.customerFields, { key: "region", label: "Region", type: "text", options: [] }],
    });
    expect(await owner.settings.get()).toMatchObject({
      seatLimit: 500,
      customerFields: expect.arrayContaining([expect.objectContaining({ key: "region" })]),
    });
    await expect(
      owner.settings.updateAccount({ ...(await owner.settings.get()), invitationResendMax: 11 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.settings.updateAccount({ ...(await owner.settings.get()), lockoutThreshold: 1 }),
    ).rejects.toThrow("At least 3 failed sign-ins.");
    await expect(
      owner.settings.updateAccount({ ...(await owner.settings.get()), ipThrottleFailures: 2 }),
    ).rejects.toThrow("At least 10");
    await owner.settings.updateAccount({
      ...(await owner.settings.get()),
      lockoutMinutes: 30,
      requireTwoFactorForAdmins: true,
    });
    expect((await db.select().from(settings))[0]).toMatchObject({
      lockoutMinutes: 30,
      requireTwoFactorForAdmins: true,
    });
    // Required two-step verification applies to the owner too: they enrol before administering again.
    await expect(owner.settings.get()).rejects.toThrow("Set up two-step verification first");
    await db.update(settings).set({ requireTwoFactorForAdmins: false }).where(eq(settings.id, true));
    await owner.settings.updateAccount({ ...(await owner.settings.get()), invitationExpiryDays: 14 });
    expect((await owner.settings.get()).invitationExpiryDays).toBe(14);
    expect((await owner.audit.list({})).items.slice(0, 3)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "settings.updated",
          changes: expect.arrayContaining([{ field: "seatLimit", from: null, to: 500 }]),
        }),
      ]),
    );
  });

  it("no other role reads or changes them, and bad definitions change nothing", async () => {
    for (const who of ["market", "customer", "group", "product"] as const) {
      await expect(callerFor(db, demo.users[who]).settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        callerFor(db, demo.users[who]).settings.updateAccount({
          installationName: "Mine",
          seatLimit: null,
          customerFields: [],
          ...invitationDefaults,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    await expect(
      owner.settings.updateAccount({ installationName: "X", seatLimit: 0, customerFields: [], ...invitationDefaults }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.settings.updateAccount({
        installationName: "X",
        seatLimit: null,
        customerFields: [{ key: "tier", label: "Tier", type: "choice", options: [] }],
        ...invitationDefaults,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.settings.updateAccount({
        installationName: "X",
        seatLimit: null,
        ...invitationDefaults,
        customerFields: [
          { key: "a", label: "A", type: "text", options: [] },
          { key: "a", label: "A again", type: "text", options: [] },
        ],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("two-step verification for owner admins", () => {
  it("is required in a new installation (the demo data turns it off, and says so)", async () => {
    const owner = callerFor(db, demo.users.owner);
    expect(await owner.settings.get()).toMatchObject({ demoData: true, requireTwoFactorForOwnerAdmins: false });
    const before = await db.select().from(settings);
    await db.delete(settings).where(eq(settings.id, true));
    try {
      // No settings written yet: the installation's defaults.
      await expect(owner.users.list({})).rejects.toThrow("Set up two-step verification first");
      expect((await getSettings(db)).requireTwoFactorForOwnerAdmins).toBe(true);
      await expect(owner.settings.get()).rejects.toThrow("Set up two-step verification first");
      // Other administrators are not held to it.
      expect((await callerFor(db, demo.users.market).users.list({})).total).toBeGreaterThan(0);
    } finally {
      await db.delete(settings).where(eq(settings.id, true));
      await db.insert(settings).values(before[0]!);
    }
  });

  it("sessions' limits are kept within what the session cookie can hold", async () => {
    const owner = callerFor(db, demo.users.owner);
    const current = await owner.settings.get();
    await expect(owner.settings.updateAccount({ ...current, sessionMaxHours: 48 })).rejects.toThrow(
      "At most 24 hours.",
    );
    await owner.settings.updateAccount({ ...current, sessionIdleMinutes: 15, sessionMaxHours: 12 });
    expect(await owner.settings.get()).toMatchObject({ sessionIdleMinutes: 15, sessionMaxHours: 12 });
  });
});
