import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, settings, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { isolationFixtures } from "../testing/isolation";
import { createTestDatabase } from "../testing/test-database";
import { resendDueInvitations } from "./resend-due";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await db
    .update(settings)
    .set({ invitationResendIntervalDays: 3, invitationResendMax: 2 })
    .where(eq(settings.id, true));
});
const { freshUserIn } = isolationFixtures(db, () => demo);
const links = { appUrl: "https://academy.example", secret: "test-secret-test-secret-test-secret-0123" };

/** A user invited `daysAgo` days ago who never answered. */
async function invitedDaysAgo(daysAgo: number) {
  const user = await freshUserIn("orTechs");
  await callerFor(db, demo.users.owner).users.invite({ userId: user.id });
  await db.update(users).set({ status: "invited" }).where(eq(users.id, user.id));
  await db
    .update(invitations)
    .set({ createdAt: sql`now() - make_interval(days => ${daysAgo})` })
    .where(eq(invitations.userId, user.id));
  return user;
}
const kinds = async (userId: string) =>
  (
    await db
      .select({ kind: invitations.kind })
      .from(invitations)
      .where(eq(invitations.userId, userId))
      .orderBy(invitations.createdAt)
  ).map((r) => r.kind);
const ageAll = (userId: string) =>
  db
    .update(invitations)
    .set({ createdAt: sql`${invitations.createdAt} - interval '4 days'` })
    .where(eq(invitations.userId, userId));

describe("scheduled re-sending of unanswered invitations", () => {
  it("re-sends only what is due, at most the maximum number of times, never to suspended users", async () => {
    const due = await invitedDaysAgo(4);
    const recent = await invitedDaysAgo(1);
    const suspended = await invitedDaysAgo(5);
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, suspended.id));

    await resendDueInvitations(db, links);
    expect(await kinds(due.id)).toEqual(["first", "scheduled"]);
    expect(await kinds(recent.id)).toEqual(["first"]);
    expect(await kinds(suspended.id)).toEqual(["first"]);

    // Straight after: nothing is due now.
    await resendDueInvitations(db, links);
    expect(await kinds(due.id)).toEqual(["first", "scheduled"]);

    await ageAll(due.id);
    await resendDueInvitations(db, links);
    await ageAll(due.id);
    await resendDueInvitations(db, links);
    expect(await kinds(due.id)).toEqual(["first", "scheduled", "scheduled"]);
  });

  it("two runs at once send each reminder exactly once", async () => {
    const many = await Promise.all(Array.from({ length: 30 }, () => invitedDaysAgo(4)));
    const [a, b] = await Promise.all([resendDueInvitations(db, links), resendDueInvitations(db, links)]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(30);
    for (const user of many) expect(await kinds(user.id)).toEqual(["first", "scheduled"]);
  });

  it("a reminder rotates the link and is recorded as sent by the schedule", async () => {
    const user = await invitedDaysAgo(4);
    const before = (await callerFor(db, demo.users.owner).users.invitation({ userId: user.id })).currentLink;
    await resendDueInvitations(db, links);
    const after = await callerFor(db, demo.users.owner).users.invitation({ userId: user.id });
    expect(after.currentLink).not.toBe(before);
    expect(after.history[0]).toMatchObject({ kind: "scheduled", sentByName: null });
  });
});
