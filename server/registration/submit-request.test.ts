import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, registrationRequests, settings } from "../db/schema";
import { seedDemo } from "../demo/seed-demo";
import { createTestDatabase } from "../testing/test-database";
import { registrationRequestInput, submitRegistrationRequest } from "./submit-request";

const { db } = await createTestDatabase();
beforeAll(async () => {
  await seedDemo(db);
});
const context = (ip: string) => ({ ip, appUrl: "https://academy.example" });
const form = (email: string, extra: Record<string, string> = {}) =>
  registrationRequestInput.parse({
    firstName: "Nina",
    lastName: "New",
    email,
    facilityName: "Haukeland University Hospital",
    country: "Norway",
    message: "I run the cath lab.",
    ...extra,
  });
const requestsFor = (email: string) =>
  db.select().from(registrationRequests).where(eq(registrationRequests.email, email));
const enable = (on: boolean) =>
  db.update(settings).set({ registrationRequestsEnabled: on }).where(eq(settings.id, true));

describe("the registration request form", () => {
  it("is closed while registration requests are off, and stores nothing", async () => {
    await enable(false);
    expect(await submitRegistrationRequest(db, form("closed@haukeland.example"), context("198.51.100.1"))).toBe(
      "closed",
    );
    expect(await requestsFor("closed@haukeland.example")).toEqual([]);
  });

  it("stores a new request as pending, once, however often it is sent", async () => {
    await enable(true);
    expect(await submitRegistrationRequest(db, form("Nina.New@Haukeland.example"), context("198.51.100.2"))).toBe(
      "received",
    );
    expect(await submitRegistrationRequest(db, form("nina.new@haukeland.example"), context("198.51.100.2"))).toBe(
      "received",
    );
    const rows = await requestsFor("nina.new@haukeland.example");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "pending",
      firstName: "Nina",
      facilityName: "Haukeland University Hospital",
      country: "Norway",
      ip: "198.51.100.2",
    });
  });

  it("answers an existing user exactly like anyone else, and emails them the way to sign in instead", async () => {
    await enable(true);
    expect(await submitRegistrationRequest(db, form("user@helix.example"), context("198.51.100.3"))).toBe("received");
    expect(await requestsFor("user@helix.example")).toEqual([]);
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, "user@helix.example"), eq(emailOutbox.kind, "existing_account")));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("https://academy.example/login");
  });

  it("thanks a bot that filled the honeypot and keeps nothing", async () => {
    await enable(true);
    expect(
      await submitRegistrationRequest(
        db,
        form("bot@spam.example", { website: "http://spam.example" }),
        context("198.51.100.4"),
      ),
    ).toBe("received");
    expect(await requestsFor("bot@spam.example")).toEqual([]);
  });

  it("limits requests per network (told) and per address (silently)", async () => {
    await enable(true);
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(await submitRegistrationRequest(db, form(`flood${i}@spam.example`), context("203.0.113.99")));
    expect(outcomes.slice(0, 10).every((o) => o === "received")).toBe(true);
    expect(outcomes.slice(10)).toEqual(["rate_limited", "rate_limited"]);

    for (let i = 0; i < 5; i++)
      await submitRegistrationRequest(db, form("user@helix.example"), context(`198.51.100.${50 + i}`));
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, "user@helix.example"), eq(emailOutbox.kind, "existing_account")));
    expect(mails.length).toBeLessThanOrEqual(3); // the form cannot be used to flood someone's inbox
  });

  it("validates every field with a message written for the person", () => {
    const result = registrationRequestInput.safeParse({
      firstName: "",
      lastName: "X",
      email: "nope",
      facilityName: "H",
      country: "",
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Enter your first name.",
        "Enter the email address you use at work.",
        "Enter the hospital or facility where you work.",
        "Enter the country of your facility.",
      ]),
    );
  });

  it("refuses a NUL character in any text with a sentence, before anything is stored", () => {
    const result = registrationRequestInput.safeParse({
      firstName: "Ni\u0000na",
      lastName: "New",
      email: "nul@haukeland.example",
      facilityName: "Hauke\u0000land",
      country: "Norway",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["firstName", "Remove the NUL character from this field."],
      ["facilityName", "Remove the NUL character from this field."],
    ]);
  });
});
