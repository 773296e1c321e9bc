import { and, eq, sql } from "drizzle-orm";
import { shownVersion } from "../testing/signing";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, notifications, settings } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { applyDeliveryEvent } from "../email/delivery-events";
import { submitRegistrationRequest, registrationRequestInput } from "../registration/submit-request";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";

const { db } = await createTestDatabase();
/** Approving and publishing are signed: the password again, and the statement. */
const signed = { password: demoPassword, statement: true as const };
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const recipientsOf = async (kind: string) =>
  (await db.select({ to: notifications.recipientId }).from(notifications).where(eq(notifications.kind, kind)))
    .map((n) => n.to)
    .sort();

describe("administrators are told, in the dashboard, of what waits for them", () => {
  it("a registration request for a facility reaches the admins who may decide it, and no one else", async () => {
    await db.update(settings).set({ registrationRequestsEnabled: true }).where(eq(settings.id, true));
    const input = registrationRequestInput.parse({
      firstName: "Nina",
      lastName: "Newcomer",
      email: "nina@stolav.example",
      facilityName: "St Olav University Hospital",
      country: "Norway",
    });
    expect(await submitRegistrationRequest(db, input, { ip: "198.51.100.77", appUrl: "https://academy.example" })).toBe(
      "received",
    );
    expect(await recipientsOf("registration_request")).toEqual(
      [demo.users.owner, demo.users.market, demo.users.customer].sort(),
    );
    const [note] = await callerFor(db, demo.users.customer).notifications.list();
    expect(note).toMatchObject({
      title: "Nina Newcomer asks for access",
      link: "/dashboard/users/registration-requests",
    });
  });

  it("content given to a market reaches that market's admins, not the one who gave it", async () => {
    const owner = callerFor(db, demo.users.owner);
    const { itemId } = await owner.content.create({
      title: "Cath lab handbook",
      summary: "",
      body: { kind: "product", text: "Read me." },
    });
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.assign({ itemId, nodeId: demo.nodes.nordics });
    expect(await recipientsOf("content_given")).toEqual([demo.users.market]);
    const [note] = await callerFor(db, demo.users.market).notifications.list();
    expect(note).toMatchObject({
      title: "Cath lab handbook was given to Nordics",
      link: `/dashboard/content/${itemId}`,
    });
  });

  it("an invitation that bounced reaches the admins who may fix the address, once", async () => {
    await callerFor(db, demo.users.owner).users.invite({ userId: demo.users.notInvited });
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, demo.users.notInvited), eq(emailOutbox.kind, "invitation")))
      .orderBy(sql`${emailOutbox.createdAt} desc`)
      .limit(1);
    await db
      .update(emailOutbox)
      .set({ status: "sent", providerMessageId: "re_bounce_n" })
      .where(eq(emailOutbox.id, mail!.id));
    await applyDeliveryEvent(db, { type: "email.bounced", emailId: "re_bounce_n", at: "" });
    await applyDeliveryEvent(db, { type: "email.bounced", emailId: "re_bounce_n", at: "" });
    expect(await recipientsOf("invitation_bounced")).toEqual(
      [demo.users.owner, demo.users.market, demo.users.customer].sort(),
    );
  });
});
