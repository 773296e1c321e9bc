import { and, eq, sql } from "drizzle-orm";
import { shownVersion } from "../testing/signing";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, sessionAttendance, trainingCompletions } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { isolationFixtures } from "../testing/isolation";
import { createTestDatabase } from "../testing/test-database";
import { inviteSessionAudience } from "./sessions";

const { db } = await createTestDatabase();
const signed = { password: demoPassword, statement: true as const };
let demo: DemoInstallation;
const { freshUserIn } = isolationFixtures(db, () => demo);
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const appUrl = "http://localhost:3000";

async function publishedSession(title: string) {
  const owner = callerFor(db, demo.users.owner);
  const { itemId } = await owner.content.create({
    title,
    summary: "",
    body: { kind: "session", text: "Hands-on with the pump.", startsAt: "2027-02-01T09:00:00.000Z", place: "Room 4" },
  });
  await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
  await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
  return itemId;
}

const queuedInvitations = async (itemId: string) =>
  (
    await db.execute<{ node_id: string | null }>(
      sql`select data->>'nodeId' as node_id from pgboss.job where name = 'session-invitations' and data->>'itemId' = ${itemId}`,
    )
  ).map((job) => job.node_id);
const invitationsTo = async (userId: string) =>
  (
    await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, "session_invitation")))
  ).length;

describe("teacher-led sessions that leave evidence, and their isolation matrix", () => {
  it("giving a session to a group invites its members once each, through a job", async () => {
    const itemId = await publishedSession("Pump workshop S1");
    const first = await freshUserIn("endoscopy");
    const second = await freshUserIn("endoscopy");
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    // Publishing queued one for everyone it reaches; giving it to the group, one for its members.
    expect((await queuedInvitations(itemId)).sort()).toEqual([demo.nodes.endoscopy, null].sort());
    expect(await inviteSessionAudience(db, { itemId, nodeId: demo.nodes.endoscopy }, appUrl)).toBeGreaterThanOrEqual(2);
    // The job run again (a retry), or the other job: nobody is invited twice.
    expect(await inviteSessionAudience(db, { itemId, nodeId: demo.nodes.endoscopy }, appUrl)).toBe(0);
    expect(await inviteSessionAudience(db, { itemId, nodeId: null }, appUrl)).toBe(0);
    expect([await invitationsTo(first.id), await invitationsTo(second.id)]).toEqual([1, 1]);
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, first.id));
    expect(email?.text).toContain("Room 4");
  });

  it("a person answers; an admin records attendance, which completes the version in the training record; a correction takes it back", async () => {
    const itemId = await publishedSession("Pump workshop S2");
    const person = await freshUserIn("endoscopy");
    const learner = callerFor(db, person.id);
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await inviteSessionAudience(db, { itemId, nodeId: demo.nodes.endoscopy }, appUrl);
    expect(await learner.content.mySession({ itemId })).toMatchObject({
      invited: true,
      response: null,
      attended: null,
    });
    await learner.content.answerSession({ itemId, response: "attending" });
    expect(await learner.content.mySession({ itemId })).toMatchObject({ response: "attending", versionNumber: 1 });

    const owner = callerFor(db, demo.users.owner);
    const roster = await owner.content.sessionRoster({ itemId });
    expect(roster?.people.find((p) => p.userId === person.id)).toMatchObject({ response: "attending", attended: null });
    expect(await owner.content.recordAttendance({ itemId, entries: [{ userId: person.id, attended: true }] })).toEqual({
      changed: 1,
    });
    const record = await learner.portal.trainingRecord();
    expect(record.record.find((row) => row.itemId === itemId)).toMatchObject({ versionNumber: 1, kind: "session" });
    expect(await learner.content.mySession({ itemId })).toMatchObject({ attended: true });
    // The same again changes nothing; "did not attend" takes the completion back.
    expect(await owner.content.recordAttendance({ itemId, entries: [{ userId: person.id, attended: true }] })).toEqual({
      changed: 0,
    });
    await owner.content.recordAttendance({ itemId, entries: [{ userId: person.id, attended: false }] });
    expect(
      await db
        .select()
        .from(trainingCompletions)
        .where(and(eq(trainingCompletions.userId, person.id), eq(trainingCompletions.itemId, itemId))),
    ).toEqual([]);
  });

  it("isolation matrix: a session's roster and attendance stay within each admin's scope; people outside it, and sessions one does not have, do not exist", async () => {
    const itemId = await publishedSession("Pump workshop S3");
    const devon = await freshUserIn("endoscopy");
    const olav = await freshUserIn("cardiology");
    const owner = callerFor(db, demo.users.owner);
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await owner.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    await inviteSessionAudience(db, { itemId, nodeId: null }, appUrl);

    // St Olav's customer admin sees and records their own people only.
    const customer = callerFor(db, demo.users.customer);
    const seen = (await customer.content.sessionRoster({ itemId }))!.people.map((p) => p.userId);
    expect(seen).toContain(olav.id);
    expect(seen).not.toContain(devon.id);
    const before = await db.select().from(sessionAttendance).where(eq(sessionAttendance.itemId, itemId));
    await expect(
      customer.content.recordAttendance({
        itemId,
        entries: [
          { userId: olav.id, attended: true },
          { userId: devon.id, attended: true },
        ],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.select().from(sessionAttendance).where(eq(sessionAttendance.itemId, itemId))).toEqual(before);

    // A group admin, a product user and the signed-out are refused, and nothing changes.
    for (const caller of [callerFor(db, demo.users.group), callerFor(db, demo.users.product)]) {
      await expect(caller.content.sessionRoster({ itemId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        caller.content.recordAttendance({ itemId, entries: [{ userId: olav.id, attended: true }] }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(callerFor(db, null).content.mySession({ itemId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Someone without the session cannot see or answer it.
    const outsider = await freshUserIn("orTechs");
    await expect(callerFor(db, outsider.id).content.mySession({ itemId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(db, outsider.id).content.answerSession({ itemId, response: "attending" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Attendance is recorded only for people invited to it.
    await expect(
      owner.content.recordAttendance({ itemId, entries: [{ userId: outsider.id, attended: true }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.select().from(sessionAttendance).where(eq(sessionAttendance.itemId, itemId))).toEqual(before);
    // Within scope it works.
    expect(await customer.content.recordAttendance({ itemId, entries: [{ userId: olav.id, attended: true }] })).toEqual(
      { changed: 1 },
    );
  });
});

describe("a session in the progress report", () => {
  it("counts who has it, who was invited and who attended, per group", async () => {
    const itemId = await publishedSession("Pump workshop S4");
    const owner = callerFor(db, demo.users.owner);
    const person = await freshUserIn("endoscopy");
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await inviteSessionAudience(db, { itemId, nodeId: demo.nodes.endoscopy }, appUrl);
    await owner.content.recordAttendance({ itemId, entries: [{ userId: person.id, attended: true }] });
    expect((await owner.reports.progressItems()).find((item) => item.id === itemId)?.kind).toBe("session");
    // The training-status report stays with courses.
    expect((await owner.reports.courses()).some((item) => item.id === itemId)).toBe(false);
    const report = await owner.reports.courseProgress({ itemId });
    expect(report.kind).toBe("session");
    const group = report.groups.find((row) => row.id === demo.nodes.endoscopy)!;
    expect(group.completed).toBe(1);
    expect(group.started).toBe(group.enrolled);
    expect(group.averagePercent).toBe(Math.round(100 / group.enrolled));
  });
});
