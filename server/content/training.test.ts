import { and, eq, sql } from "drizzle-orm";
import { shownVersion } from "../testing/signing";
import { beforeAll, describe, expect, it } from "vitest";
import { contentVersions, emailOutbox, notifications, trainingReminders, users } from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { isolationFixtures } from "../testing/isolation";
import { createTestDatabase } from "../testing/test-database";
import { remindTrainingDue } from "./training-reminders";

const { db } = await createTestDatabase();
const signed = { password: demoPassword, statement: true as const };
let demo: DemoInstallation;
const { freshUserIn } = isolationFixtures(db, () => demo);
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});

const day = 86_400_000;
const twoPages = (title: string) => ({
  title,
  summary: "",
  body: {
    kind: "course" as const,
    pages: [1, 2].map((n) => ({ title: `Page ${n}`, text: `Text ${n}`, imageUrl: null, videoUrl: null })),
  },
});

// Each procedure here that takes an id is in this file's isolation matrix: a certificate of someone
// else, a report or a record outside the admin's groups, a course's period set by anyone but an owner.
describe("training on the current version, and its isolation matrix", () => {
  it("publishing a course's next version, the owner chooses whether people retrain; those who must see it, are reminded once per stage, and train again", async () => {
    const owner = callerFor(db, demo.users.owner);
    const person = await freshUserIn("endoscopy");
    // Reminders go to people who have signed in (the others are still being invited).
    await db.update(users).set({ status: "active" }).where(eq(users.id, person.id));
    const learner = callerFor(db, person.id);
    const { itemId } = await owner.content.create(twoPages("Retraining R1"));
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    const standing = async () => (await learner.portal.trainingRecord()).requirements.find((r) => r.itemId === itemId)!;
    expect(await standing()).toMatchObject({ state: "not_trained", percent: 0, overdue: false });
    // The home page points out only what needs attention: not a course due in a month.
    const pointedOut = async () => (await learner.portal.trainingDue()).map((r) => r.itemId).includes(itemId);
    expect(await pointedOut()).toBe(false);
    // Due 30 days (the course's training period) after it became theirs.
    expect((await standing()).dueAt.getTime() - Date.now()).toBeGreaterThan(29 * day);

    await learner.portal.recordPage({ itemId, page: 0 });
    await learner.portal.recordPage({ itemId, page: 1 });
    expect(await standing()).toMatchObject({ state: "current", trainedVersion: 1 });

    // Version 2: the choice must be made; without it nothing is published.
    await owner.content.saveDraft({ itemId, version: twoPages("Retraining R1, v2") });
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await expect(owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) })).rejects.toThrow(
      "Choose whether the people trained on version 1 must retrain on version 2.",
    );
    expect((await owner.content.get({ itemId })).published?.number).toBe(1);
    // Staying trained: version 1's completion still counts.
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)), retrain: false });
    expect(await standing()).toMatchObject({ state: "current", trainedVersion: 1, publishedVersion: 2 });

    // Version 3, everyone retrains: their completion of version 1 stays as evidence but no longer counts.
    await owner.content.saveDraft({ itemId, version: twoPages("Retraining R1, v3") });
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)), retrain: true });
    expect(await standing()).toMatchObject({
      state: "older_version",
      trainedVersion: 1,
      publishedVersion: 3,
      countsFromVersion: 3,
      percent: 0,
      overdue: false,
    });
    expect((await learner.portal.trainingRecord()).record.find((r) => r.itemId === itemId)).toMatchObject({
      versionNumber: 1,
      counts: false,
    });
    expect(await pointedOut()).toBe(true);
    const [entry] = await db.execute<{ after: { retrain: boolean; version: number } }>(
      sql`select after from audit_log where action = 'content.published' and target_id = ${itemId} order by id desc limit 1`,
    );
    expect(entry!.after).toMatchObject({ version: 3, retrain: true });

    // The reminders: a week before the due date, then once overdue; each once, however often the job runs.
    const dueAt = (await standing()).dueAt.getTime();
    const remindersFor = async () =>
      (
        await db
          .select({ stage: trainingReminders.stage })
          .from(trainingReminders)
          .where(and(eq(trainingReminders.itemId, itemId), eq(trainingReminders.userId, person.id)))
      ).map((r) => r.stage);
    await remindTrainingDue(db, "https://app.example", new Date(dueAt - 10 * day));
    expect(await remindersFor()).toEqual([]);
    await remindTrainingDue(db, "https://app.example", new Date(dueAt - 5 * day));
    await remindTrainingDue(db, "https://app.example", new Date(dueAt - 4 * day));
    expect(await remindersFor()).toEqual(["due_soon"]);
    await remindTrainingDue(db, "https://app.example", new Date(dueAt + day));
    await remindTrainingDue(db, "https://app.example", new Date(dueAt + 2 * day));
    expect((await remindersFor()).sort()).toEqual(["due_soon", "overdue"]);
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, person.email));
    expect(emails.filter((e) => e.kind === "training_due").map((e) => e.subject)).toEqual([
      expect.stringContaining("“Retraining R1, v3” is due on"),
      expect.stringContaining("“Retraining R1, v3” was due on"),
    ]);
    expect(emails.find((e) => e.kind === "training_due")!.text).toContain(
      "Version 3 replaces version 1 that you completed",
    );
    const inbox = await db.select().from(notifications).where(eq(notifications.recipientId, person.id));
    expect(inbox.map((n) => n.kind).sort()).toEqual(["training_due_soon", "training_overdue"]);

    // Trained again, on version 3: current, and a certificate for each completion, theirs alone.
    await learner.portal.recordPage({ itemId, page: 0 });
    await learner.portal.recordPage({ itemId, page: 1 });
    expect(await standing()).toMatchObject({ state: "current", trainedVersion: 3 });
    expect(await pointedOut()).toBe(false);
    const record = (await learner.portal.trainingRecord()).record.filter((r) => r.itemId === itemId);
    expect(record.map((r) => [r.versionNumber, r.counts])).toEqual([
      [3, true],
      [1, false],
    ]);
    expect(await learner.portal.certificate({ completionId: record[0]!.completionId })).toMatchObject({
      personName:
        "Matrix " +
        (await db.execute<{ last_name: string }>(sql`select last_name from users where id = ${person.id}`))[0]!
          .last_name,
      title: "Retraining R1, v3",
      versionNumber: 3,
    });
    for (const other of [demo.users.product, demo.users.owner])
      await expect(
        callerFor(db, other).portal.certificate({ completionId: record[0]!.completionId }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reports who is trained on the current version per node, overdue people first; each admin sees only their groups", async () => {
    const owner = callerFor(db, demo.users.owner);
    const late = await freshUserIn("endoscopy");
    const onTime = await freshUserIn("endoscopy");
    const { itemId } = await owner.content.create(twoPages("Reported R2"));
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await callerFor(db, onTime.id).portal.recordPage({ itemId, page: 0 });
    await callerFor(db, onTime.id).portal.recordPage({ itemId, page: 1 });
    // The course became theirs 40 days ago: the one who did not complete it is overdue.
    await db.execute(
      sql`update memberships set created_at = now() - interval '40 days' where user_id in (${late.id}, ${onTime.id})`,
    );
    await db.execute(
      sql`update content_assignments set created_at = now() - interval '40 days' where item_id = ${itemId}`,
    );
    await db
      .update(contentVersions)
      .set({ publishedAt: new Date(Date.now() - 40 * day) })
      .where(eq(contentVersions.itemId, itemId));

    const report = await owner.reports.trainingStatus({ nodeId: demo.nodes.royalDevon, itemId });
    expect(report.rows.map((r) => [r.email, r.state, r.overdue])).toEqual(
      expect.arrayContaining([
        [late.email, "not_trained", true],
        [onTime.email, "current", false],
      ]),
    );
    expect(report.rows[0]!.overdue).toBe(true);
    expect(report.rows.findIndex((r) => r.email === late.email)).toBeLessThan(
      report.rows.findIndex((r) => r.email === onTime.email),
    );
    expect(report.counts).toMatchObject({ current: expect.any(Number), overdue: expect.any(Number) });
    expect(report.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(report.groups.map((g) => g.name)).toEqual(expect.arrayContaining([expect.stringMatching(/Endoscopy/)]));

    // The admin's view of each person's record.
    expect((await owner.users.trainingRecord({ userId: late.id })).requirements).toEqual(
      expect.arrayContaining([expect.objectContaining({ itemId, state: "not_trained", overdue: true })]),
    );

    // Isolation: admins outside Royal Devon see nobody of it, and its node and records are not theirs.
    for (const who of ["customer", "group"] as const) {
      const admin = callerFor(db, demo.users[who]);
      const theirs = await admin.reports.trainingStatus({});
      expect(theirs.rows.map((r) => r.email)).not.toContain(late.email);
      await expect(admin.reports.trainingStatus({ nodeId: demo.nodes.royalDevon })).rejects.toMatchObject({
        code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
      });
      await expect(admin.users.trainingRecord({ userId: late.id })).rejects.toMatchObject({
        code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
      });
    }
    await expect(callerFor(db, demo.users.product).reports.trainingStatus({})).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(db, null).portal.trainingRecord()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a course's training period is the owner's to set, within 1 to 365 days, and only a course has one", async () => {
    const owner = callerFor(db, demo.users.owner);
    const { itemId } = await owner.content.create(twoPages("Period P1"));
    await owner.content.setTrainingPeriod({ itemId, days: 14 });
    expect((await owner.content.get({ itemId })).item.trainingDueDays).toBe(14);
    for (const who of ["market", "customer", "group", "product"] as const)
      await expect(callerFor(db, demo.users[who]).content.setTrainingPeriod({ itemId, days: 1 })).rejects.toMatchObject(
        {
          code: "FORBIDDEN",
        },
      );
    await expect(owner.content.setTrainingPeriod({ itemId, days: 0 })).rejects.toThrow("Give people at least a day.");
    await expect(owner.content.setTrainingPeriod({ itemId, days: 400 })).rejects.toThrow(
      "A training period is at most 365 days.",
    );
    const { itemId: product } = await owner.content.create({
      title: "Period P2",
      summary: "",
      body: { kind: "product", text: "A device." },
    });
    await expect(owner.content.setTrainingPeriod({ itemId: product, days: 10 })).rejects.toThrow(
      "Only a course has a training period.",
    );
    expect((await owner.content.get({ itemId })).item.trainingDueDays).toBe(14);
  });
});
