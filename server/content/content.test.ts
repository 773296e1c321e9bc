import { eq, sql } from "drizzle-orm";
import { shownVersion } from "../testing/signing";
import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { beginEnrolment, confirmEnrolment } from "../auth/two-factor";
import {
  auditLog,
  contentAssignments,
  contentSignatures,
  contentVersions,
  emailOutbox,
  memberships,
  nodes,
  trainingCompletions,
  users,
} from "../db/schema";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { refreshUserScopes } from "../scope";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { insertUser } from "../users/create-user";

const { db } = await createTestDatabase();
/** The code an authenticator app shows for the secret, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });
/** Approving and publishing are signed: the password again, and the statement. */
const signed = { password: demoPassword, statement: true as const };
let demo: DemoInstallation;
let ownerWithoutFlags: string;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  // A second owner admin who holds neither Approve nor Publish.
  ownerWithoutFlags = (
    await insertUser(db, {
      email: "editor@helix.example",
      firstName: "Eddie",
      lastName: "Editor",
      roles: [{ role: "owner_admin", nodeId: demo.nodes.owner }],
    })
  ).id;
});

const course = (title: string, pages = 3) => ({
  title,
  summary: `About ${title}`,
  body: {
    kind: "course" as const,
    pages: Array.from({ length: pages }, (_, i) => ({
      title: `Page ${i + 1}`,
      text: `Text ${i + 1}`,
      imageUrl: null,
      videoUrl: null,
    })),
  },
});
const product = (title: string) => ({
  title,
  summary: "",
  body: { kind: "product" as const, text: `${title} is a device.` },
});

/** Creates, approves and publishes an item as the owner (who holds both permissions). */
async function published(version: ReturnType<typeof course> | ReturnType<typeof product>) {
  const owner = callerFor(db, demo.users.owner);
  const { itemId } = await owner.content.create(version);
  await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
  await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
  return itemId;
}
const titlesFor = async (userId: string) =>
  (await callerFor(db, userId).portal.home()).items.map((i) => i.title).sort();

describe("content: a signature signs what the signer saw", () => {
  it("an edit saved after the signer opened the version, or a request replayed for the next version, signs nothing", async () => {
    const owner = callerFor(db, demo.users.owner);
    const dose = (rate: string) => ({
      ...product("Infusion rate card"),
      body: { kind: "product" as const, text: rate },
    });
    const { itemId } = await owner.content.create(dose("Set the pump to 10 ml/h."));
    const read = await shownVersion(db, itemId);
    // The page's own data carries what is shown, as the dialog sends it.
    expect((await owner.content.get({ itemId })).open).toMatchObject({
      id: read.versionId,
      contentHash: read.contentHash,
    });
    // Someone saves "100 ml/h" into the same draft while the approver reads "10 ml/h".
    await owner.content.saveDraft({ itemId, version: dose("Set the pump to 100 ml/h.") });
    await expect(owner.content.approve({ itemId, ...signed, ...read })).rejects.toThrow(
      "This version changed after you opened it, so nothing was signed.",
    );
    expect((await owner.content.get({ itemId })).open?.status).toBe("draft");
    expect(await db.select().from(contentSignatures).where(eq(contentSignatures.versionId, read.versionId))).toEqual(
      [],
    );

    // Read again, signed; the same request sent again later (for the next version) signs nothing.
    const reread = await shownVersion(db, itemId);
    const approval = { itemId, ...signed, ...reread };
    await owner.content.approve(approval);
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.saveDraft({ itemId, version: dose("Set the pump to 12 ml/h.") });
    await expect(owner.content.approve(approval)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await owner.content.get({ itemId })).open?.status).toBe("draft");
    // A malformed hash is bad input, in words.
    await expect(owner.content.approve({ ...approval, contentHash: "10 ml/h" })).rejects.toThrow(
      "Open the version again, then sign.",
    );
  });

  it("signatures are append-only: not changed, deleted or truncated, even with the database's own connection", async () => {
    const itemId = await published(product("Sealed card"));
    const [signature] = await db
      .select()
      .from(contentSignatures)
      .innerJoin(contentVersions, eq(contentVersions.id, contentSignatures.versionId))
      .where(eq(contentVersions.itemId, itemId));
    const id = signature!.content_signatures.id;
    const refused = {
      cause: expect.objectContaining({ message: expect.stringMatching(/signatures are append-only/), code: "42501" }),
    };
    await expect(
      db.execute(sql`update content_signatures set signer_name = 'Someone Else' where id = ${id}`),
    ).rejects.toMatchObject(refused);
    await expect(
      db.execute(sql`update content_signatures set content_hash = repeat('0', 64) where id = ${id}`),
    ).rejects.toMatchObject(refused);
    await expect(db.execute(sql`delete from content_signatures where id = ${id}`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`truncate content_signatures cascade`)).rejects.toMatchObject(refused);
    expect((await db.select().from(contentSignatures).where(eq(contentSignatures.id, id)))[0]?.signerName).toBe(
      "Olivia Owens",
    );
  });
});

describe("content: versions", () => {
  it("only owner admins edit; approving and publishing need the permission even for them; the portal shows only the published version", async () => {
    for (const who of ["market", "customer", "group", "product"] as const) {
      await expect(callerFor(db, demo.users[who]).content.create(product("Stent X"))).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const editor = callerFor(db, ownerWithoutFlags);
    const { itemId } = await editor.content.create(course("Catheter basics"));
    await expect(
      editor.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const owner = callerFor(db, demo.users.owner);
    await expect(owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) })).rejects.toThrow(
      "Approve this version before publishing it.",
    );
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await expect(
      editor.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    expect(await titlesFor(demo.users.product)).toContain("Catheter basics");

    // An edit makes a draft; the portal keeps the published version until the next is published.
    await editor.content.saveDraft({ itemId, version: course("Catheter basics, second edition", 4) });
    expect(await owner.content.get({ itemId })).toMatchObject({
      open: { number: 2, status: "draft" },
      published: { number: 1 },
    });
    expect(await titlesFor(demo.users.product)).toContain("Catheter basics");
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)), retrain: false });
    expect(await titlesFor(demo.users.product)).toContain("Catheter basics, second edition");
    expect(await titlesFor(demo.users.product)).not.toContain("Catheter basics");
  });

  it("approving and publishing are signed: the password again and the statement; a wrong one signs nothing", async () => {
    const owner = callerFor(db, demo.users.owner);
    const { itemId } = await owner.content.create(product("Signed S1"));
    const before = await owner.content.get({ itemId });
    await expect(
      owner.content.approve({
        itemId,
        ...(await shownVersion(db, itemId)),
        password: "not the password",
        statement: true,
      }),
    ).rejects.toThrow("That password (or code) is not right. The version was not signed.");
    await expect(
      owner.content.approve({ itemId, ...(await shownVersion(db, itemId)), password: demoPassword } as unknown as {
        itemId: string;
        versionId: string;
        contentHash: string;
        password: string;
        statement: true;
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.content.get({ itemId })).toEqual(before);
    // The wrong password counts like a failed sign-in.
    const [failed] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from login_attempts where user_id = ${demo.users.owner} and reason = 'wrong_password'`,
    );
    expect(failed!.n).toBeGreaterThanOrEqual(1);

    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    const { published: version } = await owner.content.get({ itemId });
    const [expected] = await db.execute<{ hash: string }>(
      sql`select encode(sha256(convert_to(jsonb_build_array(item_id, number, title, summary, body)::text, 'UTF8')), 'hex') as hash from content_versions where id = ${version!.id}`,
    );
    expect(version!.signatures.map((s) => [s.signerName, s.meaning, s.contentHash])).toEqual([
      ["Olivia Owens", "approved", expected!.hash],
      ["Olivia Owens", "published", expected!.hash],
    ]);
    const entries = await db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.targetId, itemId));
    expect(entries.find((e) => e.action === "content.approved")?.after).toMatchObject({
      signedAs: "Olivia Owens",
      meaning: "Approved",
      contentHash: expected!.hash,
    });
  });

  it("with two-step verification on, signing needs the code as well as the password", async () => {
    const owner = callerFor(db, demo.users.owner);
    const serverSecret = process.env.AUTH_SECRET!;
    const { secret } = await beginEnrolment(db, serverSecret, demo.users.owner, demoPassword, {
      ip: null,
      sessionId: null,
    });
    await confirmEnrolment(db, serverSecret, demo.users.owner, codeFor(secret), null);
    try {
      const { itemId } = await owner.content.create(product("Signed S3"));
      await expect(owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) })).rejects.toThrow(
        "The version was not signed.",
      );
      expect((await owner.content.get({ itemId })).open?.status).toBe("draft");
      // The enrolment used this 30-second step: an authenticator app shows the next one.
      await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)), code: codeFor(secret, 1) });
      expect((await owner.content.get({ itemId })).open?.status).toBe("approved");
    } finally {
      await db
        .update(users)
        .set({ twoFactorEnabled: false, totpSecret: null, totpLastStep: null })
        .where(eq(users.id, demo.users.owner));
    }
  });

  it("signed content never changes: an edit to an approved version starts the next one; a version changed behind the app cannot be published", async () => {
    const owner = callerFor(db, demo.users.owner);
    const { itemId } = await owner.content.create(product("Signed S2"));
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    const approved = (await owner.content.get({ itemId })).open!;
    await owner.content.saveDraft({ itemId, version: product("Signed S2, corrected") });
    const after = await owner.content.get({ itemId });
    expect(after.open).toMatchObject({ number: approved.number + 1, status: "draft", title: "Signed S2, corrected" });
    const [kept] = await db.select().from(contentVersions).where(eq(contentVersions.id, approved.id));
    expect(kept).toMatchObject({ status: "retired", title: "Signed S2" });
    // The approved version keeps its signature, on the content it was given to.
    const [signature] = await db.select().from(contentSignatures).where(eq(contentSignatures.versionId, approved.id));
    expect(signature).toMatchObject({ meaning: "approved", signerName: "Olivia Owens" });

    // Approved, then changed in the database: the publication is refused.
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    const open = (await owner.content.get({ itemId })).open!;
    await db.update(contentVersions).set({ summary: "changed behind the app" }).where(eq(contentVersions.id, open.id));
    await expect(owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) })).rejects.toThrow(
      "This version's content is not what was approved",
    );
    expect((await owner.content.get({ itemId })).published).toBeNull();
  });

  it("completing a course records which version was completed, once; the record stays when a new version is published", async () => {
    const owner = callerFor(db, demo.users.owner);
    const itemId = await published(course("Evidence E1", 2));
    await owner.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    const learner = callerFor(db, demo.users.product);
    await learner.portal.recordPage({ itemId, page: 0 });
    const completionsOf = () =>
      db
        .select({ versionNumber: trainingCompletions.versionNumber, userId: trainingCompletions.userId })
        .from(trainingCompletions)
        .where(eq(trainingCompletions.itemId, itemId));
    expect(await completionsOf()).toEqual([]);
    await learner.portal.recordPage({ itemId, page: 1 });
    await learner.portal.recordPage({ itemId, page: 0 });
    expect(await completionsOf()).toEqual([{ versionNumber: 1, userId: demo.users.product }]);

    // Version 2 published: looking at a page of it is not completing it; version 1's record stays.
    await owner.content.saveDraft({ itemId, version: course("Evidence E1, second edition", 2) });
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)), retrain: false });
    await learner.portal.recordPage({ itemId, page: 1 });
    expect(await completionsOf()).toEqual([{ versionNumber: 1, userId: demo.users.product }]);
    // The training record says version 1, now older than the version published, and still counting.
    expect((await learner.portal.trainingRecord()).record.find((r) => r.itemId === itemId)).toMatchObject({
      title: "Evidence E1",
      versionNumber: 1,
      currentVersion: 2,
      counts: true,
    });
    // And it is part of the person's own data.
    const mine = await learner.me.exportData();
    expect(mine.records.training_completions?.user_id).toEqual(
      expect.arrayContaining([expect.objectContaining({ item_id: itemId, version_number: 1 })]),
    );
  });

  it("bad input is refused with a sentence; an unknown id is not found", async () => {
    const owner = callerFor(db, demo.users.owner);
    await expect(owner.content.create({ ...course("Empty", 0) })).rejects.toThrow("A course needs at least one page.");
    await expect(
      owner.content.create({
        title: "X",
        summary: "",
        body: { kind: "course", pages: [{ title: "P", text: "", imageUrl: "javascript:alert(1)", videoUrl: null }] },
      }),
    ).rejects.toThrow("Use a full https:// address.");
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(owner.content.get({ itemId: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      owner.content.approve({ itemId: unknown, ...signed, ...(await shownVersion(db, unknown)) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(owner.content.saveDraft({ itemId: unknown, version: product("Y") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("content: distribution through the tree", () => {
  it("the owner gives to a market, the market admin passes it to a customer, the customer admin to a group: its users see it", async () => {
    const itemId = await published(product("Pacemaker P1"));
    const market = callerFor(db, demo.users.market);
    const customer = callerFor(db, demo.users.customer);
    // Nothing to pass on yet.
    await expect(market.content.assign({ itemId, nodeId: demo.nodes.stOlav })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: demo.nodes.nordics });
    await market.content.assign({ itemId, nodeId: demo.nodes.stOlav });
    await expect(customer.content.assign({ itemId, nodeId: demo.nodes.clinicSurgeons })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(db, demo.users.group).content.assign({ itemId, nodeId: demo.nodes.cardiology }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await titlesFor(demo.users.product)).not.toContain("Pacemaker P1");
    await customer.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    expect(await titlesFor(demo.users.product)).toContain("Pacemaker P1");
    expect(await titlesFor(demo.users.clinicUser)).not.toContain("Pacemaker P1");

    // The customer admin sees who has it in their customer, not above it.
    const seen = await customer.content.assignments({ itemId });
    expect(seen.map((a) => a.nodeName).sort()).toEqual(["Cardiology nurses", "St Olav University Hospital"]);

    // Taking it back from the market takes back what was passed on below, at once.
    const owner = callerFor(db, demo.users.owner);
    const marketAssignment = (await owner.content.assignments({ itemId })).find(
      (a) => a.nodeId === demo.nodes.nordics,
    )!;
    expect(await owner.content.unassign({ assignmentId: marketAssignment.id, dryRun: true })).toEqual({
      alsoRemoved: 2,
    });
    expect(await titlesFor(demo.users.product)).toContain("Pacemaker P1");
    await owner.content.unassign({ assignmentId: marketAssignment.id, dryRun: false });
    expect(await titlesFor(demo.users.product)).not.toContain("Pacemaker P1");
    expect(await db.select().from(contentAssignments).where(eq(contentAssignments.itemId, itemId))).toEqual([]);
  });

  it("a market admin cannot pass on what the market was not given, nor reach outside the market", async () => {
    const itemId = await published(product("Valve V2"));
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: demo.nodes.iberia });
    const market = callerFor(db, demo.users.market);
    await expect(market.content.assign({ itemId, nodeId: demo.nodes.clinic })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(market.content.assignments({ itemId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const iberiaAssignment = (await callerFor(db, demo.users.owner).content.assignments({ itemId }))[0]!;
    await expect(market.content.unassign({ assignmentId: iberiaAssignment.id, dryRun: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.select().from(contentAssignments).where(eq(contentAssignments.itemId, itemId))).toHaveLength(1);
  });

  it("a user in two groups sees exactly the union of both groups and what was given to them directly", async () => {
    const [a, b, c, d] = [
      await published(product("Union A")),
      await published(product("Union B")),
      await published(product("Union C")),
      await published(product("Union D")),
    ];
    const owner = callerFor(db, demo.users.owner);
    const user = await insertUser(db, {
      email: "two.groups@stolav.example",
      firstName: "Two",
      lastName: "Groups",
      memberOf: [demo.nodes.cardiology, demo.nodes.orTechs],
    });
    await owner.content.assign({ itemId: a!, nodeId: demo.nodes.cardiology });
    await owner.content.assign({ itemId: b!, nodeId: demo.nodes.orTechs });
    await owner.content.assign({ itemId: d!, nodeId: demo.nodes.clinicSurgeons });
    // A customer admin passes C to the person directly, from what St Olav has.
    await expect(
      callerFor(db, demo.users.customer).content.assignUser({ itemId: c!, userId: user.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await owner.content.assign({ itemId: c!, nodeId: demo.nodes.stOlav });
    await callerFor(db, demo.users.customer).content.assignUser({ itemId: c!, userId: user.id });
    expect((await titlesFor(user.id)).filter((t) => t.startsWith("Union"))).toEqual(["Union A", "Union B", "Union C"]);

    // Leaving a group takes its items away at once.
    await db.delete(memberships).where(eq(memberships.userId, user.id));
    await db.insert(memberships).values({ userId: user.id, nodeId: demo.nodes.cardiology });
    await refreshUserScopes(db, [user.id]);
    expect((await titlesFor(user.id)).filter((t) => t.startsWith("Union"))).toEqual(["Union A", "Union C"]);
  });
});

describe("giving content says who sees it", () => {
  it("a group's members see it now, a market's admins pass it on, and the panel counts the people in scope who see it", async () => {
    const itemId = await published(course("Who sees it", 1));
    const owner = callerFor(db, demo.users.owner);
    expect(await owner.content.assign({ itemId, nodeId: demo.nodes.nordics })).toEqual({
      who: "The admins of Nordics can now pass it on to their customers; no product user sees it through this yet.",
    });
    expect(await owner.content.audience({ itemId })).toEqual({ people: 0 });
    const { who } = await owner.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    const members = Number(/^The (\d+) members of Cardiology nurses see it now\.$/.exec(who)?.[1]);
    expect(members).toBeGreaterThanOrEqual(3);
    expect(await callerFor(db, demo.users.customer).content.audience({ itemId })).toEqual({ people: members });
    expect(
      await callerFor(db, demo.users.clinicUser)
        .content.audience({ itemId })
        .catch((e: { code: string }) => e.code),
    ).toBe("FORBIDDEN");
  });
});

describe("teacher-led sessions", () => {
  it("giving a session to one person invites them by email with its date and place; giving it to a group emails nobody", async () => {
    const owner = callerFor(db, demo.users.owner);
    const { itemId } = await owner.content.create({
      title: "Workshop in theatre",
      summary: "",
      body: { kind: "session", text: "", startsAt: "2027-02-03T08:30:00.000Z", place: "Simulation centre, room 2" },
    });
    await owner.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await owner.content.assign({ itemId, nodeId: demo.nodes.stOlav });
    await owner.content.assign({ itemId, nodeId: demo.nodes.orTechs });
    const invitations = () => db.select().from(emailOutbox).where(eq(emailOutbox.kind, "session_invitation"));
    expect(await invitations()).toEqual([]);
    await callerFor(db, demo.users.customer).content.assignUser({ itemId, userId: demo.users.product });
    const [mail] = await invitations();
    expect(mail).toMatchObject({ toAddress: "user@helix.example", userId: demo.users.product });
    expect(mail!.text).toContain("Wednesday, 3 February 2027 at 08:30 (UTC), at Simulation centre, room 2");
    expect(mail!.text).toContain(`/portal/items/${itemId}`);
    expect(await titlesFor(demo.users.product)).toContain("Workshop in theatre");
  });
});

describe("the portal", () => {
  it("a course keeps the last page, the pages seen and the percentage; all pages seen is complete at 100 %", async () => {
    const itemId = await published(course("Infusion pump", 4));
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    const tom = callerFor(db, demo.users.devonUser);
    expect(await tom.portal.recordPage({ itemId, page: 0 })).toEqual({ percent: 25, completed: false });
    expect(await tom.portal.recordPage({ itemId, page: 1 })).toEqual({ percent: 50, completed: false });
    expect(await tom.portal.recordPage({ itemId, page: 1 })).toEqual({ percent: 50, completed: false });
    expect((await tom.portal.item({ itemId })).progress).toMatchObject({ lastPage: 1, pagesSeen: [0, 1] });
    await tom.portal.recordPage({ itemId, page: 2 });
    expect(await tom.portal.recordPage({ itemId, page: 3 })).toEqual({ percent: 100, completed: true });
    expect((await tom.portal.home()).items.find((i) => i.id === itemId)).toMatchObject({
      percent: 100,
      completed: true,
    });
    await expect(tom.portal.recordPage({ itemId, page: 4 })).rejects.toThrow("This course has 4 pages.");

    // Someone who was not given it gets nothing.
    const other = callerFor(db, demo.users.product);
    await expect(other.portal.item({ itemId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.portal.recordPage({ itemId, page: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an admin previews the portal of a user in their scope, and no one else's", async () => {
    const customer = callerFor(db, demo.users.customer);
    expect(await customer.portal.previewAs({ userId: demo.users.product })).toEqual(
      await callerFor(db, demo.users.product).portal.home(),
    );
    await expect(customer.portal.previewAs({ userId: demo.users.clinicUser })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(db, demo.users.product).portal.previewAs({ userId: demo.users.group }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a market admin's own training comes through a market-level group", async () => {
    const itemId = await published(course("Distributor onboarding", 2));
    const [team] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.id, demo.nodes.nordicTeam));
    await callerFor(db, demo.users.owner).content.assign({ itemId, nodeId: team!.id });
    expect(await titlesFor(demo.users.market)).toContain("Distributor onboarding");
  });
});

describe("progress reports", () => {
  it("each admin sees progress per group and per customer in their scope only", async () => {
    const itemId = await published(course("Report course", 2));
    const owner = callerFor(db, demo.users.owner);
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await owner.content.assign({ itemId, nodeId: demo.nodes.clinicSurgeons });
    const tom = callerFor(db, demo.users.devonUser);
    await tom.portal.recordPage({ itemId, page: 0 });
    await tom.portal.recordPage({ itemId, page: 1 });
    await callerFor(db, demo.users.clinicUser).portal.recordPage({ itemId, page: 0 });

    const report = await owner.reports.courseProgress({ itemId });
    expect(report.groups).toEqual([
      {
        id: demo.nodes.clinicSurgeons,
        name: "Surgeons",
        within: "Hospital Clínic Barcelona",
        enrolled: 1,
        started: 1,
        completed: 0,
        averagePercent: 50,
        averageRating: null,
        ratings: 0,
      },
      {
        id: demo.nodes.endoscopy,
        name: "Endoscopy unit",
        within: "Royal Devon Clinic",
        enrolled: 1,
        started: 1,
        completed: 1,
        averagePercent: 100,
        averageRating: null,
        ratings: 0,
      },
    ]);
    expect(report.customers.map((c) => [c.name, c.enrolled, c.completed])).toEqual([
      ["Hospital Clínic Barcelona", 1, 0],
      ["Royal Devon Clinic", 1, 1],
    ]);

    // Outside their scope the course does not exist; once given to Cardiology, they see that group only.
    await expect(callerFor(db, demo.users.customer).reports.courseProgress({ itemId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await owner.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    for (const who of ["customer", "group"] as const) {
      const scoped = await callerFor(db, demo.users[who]).reports.courseProgress({ itemId });
      expect(scoped.groups.map((g) => g.name)).toEqual(["Cardiology nurses"]);
      expect(scoped.groups[0]).toMatchObject({ started: 0, completed: 0, averagePercent: 0 });
    }
    await expect(callerFor(db, demo.users.product).reports.courseProgress({ itemId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(owner.reports.courseProgress({ itemId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("isolation matrix: every content, portal and report procedure that takes an id", () => {
  it("refuses those outside the scope with FORBIDDEN or NOT_FOUND, shows no data and changes nothing", async () => {
    // A course given only to Royal Devon Clinic's Endoscopy unit, with one person's progress.
    const itemId = await published(course("Royal Devon only", 2));
    const owner = callerFor(db, demo.users.owner);
    await owner.content.assign({ itemId, nodeId: demo.nodes.royalDevon });
    await owner.content.assign({ itemId, nodeId: demo.nodes.endoscopy });
    await callerFor(db, demo.users.devonUser).portal.recordPage({ itemId, page: 0 });
    const [assignment] = await owner.content.assignments({ itemId });
    const state = async () => ({
      assignments: await db.select().from(contentAssignments).orderBy(contentAssignments.id),
      versions: await owner.content.get({ itemId }),
    });
    const before = await state();

    for (const who of ["market", "customer", "group", "product"] as const) {
      const caller = callerFor(db, demo.users[who]);
      const calls: [string, () => Promise<unknown>][] = [
        ["content.get", () => caller.content.get({ itemId })],
        ["content.heading", () => caller.content.heading({ itemId })],
        ["content.saveDraft", () => caller.content.saveDraft({ itemId, version: course("Hijacked") })],
        [
          "content.approve",
          async () => caller.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) }),
        ],
        [
          "content.publish",
          async () => caller.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) }),
        ],
        ["content.assignments", () => caller.content.assignments({ itemId })],
        ["content.audience", () => caller.content.audience({ itemId })],
        ["content.assign", () => caller.content.assign({ itemId, nodeId: demo.nodes.cardiology })],
        ["content.assignUser", () => caller.content.assignUser({ itemId, userId: demo.users.product })],
        ["content.unassign", () => caller.content.unassign({ assignmentId: assignment!.id, dryRun: false })],
        ["portal.item", () => caller.portal.item({ itemId })],
        ["portal.recordPage", () => caller.portal.recordPage({ itemId, page: 0 })],
        ["portal.previewAs", () => caller.portal.previewAs({ userId: demo.users.devonUser })],
        ["reports.courseProgress", () => caller.reports.courseProgress({ itemId })],
        // The file routes' own procedures, called as the route handlers do.
        ["content.documentFile", () => callerFor(db, demo.users[who], "server").content.documentFile({ itemId })],
        [
          "content.mayAttachDocumentFile",
          () => callerFor(db, demo.users[who], "server").content.mayAttachDocumentFile({ itemId }),
        ],
        [
          "content.attachDocumentFile",
          () =>
            callerFor(db, demo.users[who], "server").content.attachDocumentFile({
              itemId,
              name: "x.pdf",
              bytes: new TextEncoder().encode("%PDF-1.7"),
            }),
        ],
      ];
      for (const [name, call] of calls) {
        const outcome = await call().then(
          (data) => ({ data }),
          (error: { code?: string }) => ({ code: error.code }),
        );
        expect([name, who, outcome]).toEqual([name, who, { code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) }]);
      }
    }
    expect(await state()).toEqual(before);
  });
});
