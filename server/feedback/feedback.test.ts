import { TRPCError } from "@trpc/server";
import { shownVersion } from "../testing/signing";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { approveDraft, publishApproved, saveDraft } from "../content/editing";
import { contentFeedback, contentVersions, notifications } from "../db/schema";
import { demoContentTitles, seedDemoContent } from "../demo/seed-demo-content";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { insertUser } from "../users/create-user";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
let course = "";
let workshop = "";
const caller = (who: keyof DemoInstallation["users"]) => callerFor(db, demo.users[who]);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
const stored = async () => (await db.select({ n: count() }).from(contentFeedback))[0]?.n ?? 0;

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await seedDemoContent(db, demo);
  const items = await caller("product").portal.home();
  course = items.items.find((i) => i.title === demoContentTitles[0])!.id;
  workshop = items.items.find((i) => i.title === demoContentTitles[2])!.id;
});

describe("feedback on content: isolation matrix", () => {
  it("a person rates what they have, once per version, and edits it; others' items do not exist for them", async () => {
    await caller("product").feedback.give({ itemId: course, rating: 4, comment: "Clear, but page 3 is long." });
    await caller("product").feedback.give({ itemId: course, rating: 5, comment: "Clear, but page 3 is long." });
    expect(await stored()).toBe(1);
    expect((await caller("product").feedback.mine({ itemId: course })).feedback).toMatchObject({ rating: 5 });
    // Tom (Royal Devon) has the course too, not the workshop; Laura (Barcelona) has nothing.
    await caller("devonUser").feedback.give({ itemId: course, rating: 3, comment: "Fine." });
    const before = await stored();
    expect(await codeOf(caller("devonUser").feedback.give({ itemId: workshop, rating: 5, comment: "" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(caller("clinicUser").feedback.give({ itemId: course, rating: 5, comment: "" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(caller("clinicUser").feedback.mine({ itemId: course }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, null).feedback.give({ itemId: course, rating: 5, comment: "" }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await stored()).toBe(before);
  });

  it("a rating outside 1–5, a comment over 2,000 characters or a field of its own is refused; nothing is stored", async () => {
    const before = await stored();
    const bad = [
      { itemId: course, rating: 0, comment: "" },
      { itemId: course, rating: 6, comment: "" },
      { itemId: course, rating: 2.5, comment: "" },
      { itemId: course, rating: 3, comment: "x".repeat(2_001) },
      { itemId: course, rating: 3, comment: "", userId: demo.users.clinicUser },
      { itemId: "not-an-id", rating: 3, comment: "" },
    ];
    for (const input of bad)
      expect(await codeOf(caller("group").feedback.give(input as never)), JSON.stringify(input).slice(0, 60)).toBe(
        "BAD_REQUEST",
      );
    expect(await stored()).toBe(before);
  });

  it("each admin reads the feedback of the people in their scope only; product users read none", async () => {
    const seen = async (who: keyof DemoInstallation["users"]) => {
      const summary = await caller(who).feedback.summary({ itemId: course, page: 1 });
      return {
        count: summary.versions[0]?.count,
        comments: summary.comments.map((c) => c.comment).sort(),
      };
    };
    expect(await seen("owner")).toEqual({ count: 2, comments: ["Clear, but page 3 is long.", "Fine."] });
    expect(await seen("market")).toEqual({ count: 1, comments: ["Clear, but page 3 is long."] });
    expect(await seen("customer")).toEqual({ count: 1, comments: ["Clear, but page 3 is long."] });
    expect(await seen("group")).toEqual({ count: 1, comments: ["Clear, but page 3 is long."] });
    for (const who of ["product", "clinicUser", "devonUser"] as const)
      expect(await codeOf(caller(who).feedback.summary({ itemId: course, page: 1 })), who).toBe("FORBIDDEN");
    // The workshop never reached Royal Devon: for an admin there, it does not exist.
    const devonAdmin = await insertUser(db, {
      email: "devon-admin@royaldevon.example",
      firstName: "Dev",
      lastName: "Admin",
      memberOf: [],
      roles: [{ role: "customer_admin", nodeId: demo.nodes.royalDevon }],
      status: "active",
    });
    expect(await codeOf(callerFor(db, devonAdmin.id).feedback.summary({ itemId: workshop, page: 1 }))).toBe(
      "NOT_FOUND",
    );
    expect((await callerFor(db, devonAdmin.id).feedback.summary({ itemId: course, page: 1 })).versions[0]?.count).toBe(
      1,
    );
    // The distribution and the filter by rating.
    const owner = await caller("owner").feedback.summary({ itemId: course, page: 1, rating: 3 });
    expect(owner.versions[0]?.distribution).toEqual([0, 0, 1, 0, 1]);
    expect(owner.versions[0]?.average).toBe(4);
    expect(owner.comments.map((c) => c.comment)).toEqual(["Fine."]);
    // The reports carry the average rating beside progress, over the same scope.
    const report = await caller("customer").reports.courseProgress({ itemId: course });
    expect(report.customers[0]).toMatchObject({ averageRating: 5, ratings: 1 });
  });

  it("a low rating notifies the item's editors once; only they mark comments handled; an edited comment is open again", async () => {
    const lows = async () =>
      (await db.select().from(notifications).where(eq(notifications.kind, "feedback_low"))).filter(
        (n) => n.recipientId === demo.users.owner,
      ).length;
    expect(await lows()).toBe(0);
    await caller("devonUser").feedback.give({ itemId: course, rating: 1, comment: "The video does not play." });
    await caller("devonUser").feedback.give({ itemId: course, rating: 2, comment: "The video does not play." });
    expect(await lows()).toBe(1);
    // Not to admins who are not its editors.
    expect(
      await db.select().from(notifications).where(eq(notifications.recipientId, demo.users.market)),
    ).not.toContainEqual(expect.objectContaining({ kind: "feedback_low" }));

    const [tom] = (await caller("owner").feedback.summary({ itemId: course, page: 1, rating: 2 })).comments;
    for (const who of ["customer", "market", "product"] as const)
      expect(await codeOf(caller(who).feedback.markHandled({ feedbackId: tom!.id, handled: true })), who).toBe(
        "FORBIDDEN",
      );
    await caller("owner").feedback.markHandled({ feedbackId: tom!.id, handled: true });
    expect(
      (await caller("owner").feedback.summary({ itemId: course, page: 1, rating: 2 })).comments[0]?.handledAt,
    ).not.toBeNull();
    // The same words again keep it handled; new words open it again.
    await caller("devonUser").feedback.give({ itemId: course, rating: 2, comment: "The video does not play." });
    expect(
      (await caller("owner").feedback.summary({ itemId: course, page: 1, rating: 2 })).comments[0]?.handledAt,
    ).not.toBeNull();
    await caller("devonUser").feedback.give({ itemId: course, rating: 2, comment: "Still no video on the ward PC." });
    expect(
      (await caller("owner").feedback.summary({ itemId: course, page: 1, rating: 2 })).comments[0]?.handledAt,
    ).toBeNull();
    expect(
      await codeOf(
        caller("owner").feedback.markHandled({ feedbackId: "00000000-0000-4000-8000-000000000000", handled: true }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("a new version starts its own feedback; the old version's stays with it", async () => {
    const owner = { actorId: demo.users.owner, ip: null };
    const [published] = await db.select().from(contentVersions).where(eq(contentVersions.itemId, course));
    await saveDraft(db, owner, course, { title: published!.title, summary: published!.summary, body: published!.body });
    await approveDraft(db, owner, course, "Olivia Owens", await shownVersion(db, course));
    await publishApproved(db, owner, course, "Olivia Owens", await shownVersion(db, course), { retrain: false });
    expect((await caller("product").feedback.mine({ itemId: course })).feedback).toBeNull();
    const summary = await caller("owner").feedback.summary({ itemId: course, page: 1 });
    expect(summary.versions.map((v) => [v.number, v.status, v.count])).toEqual([
      [2, "published", 0],
      [1, "retired", 2],
    ]);
    const old = await caller("owner").feedback.summary({ itemId: course, versionId: summary.versions[1]!.id, page: 1 });
    expect(old.comments).toHaveLength(2);
  });
});
