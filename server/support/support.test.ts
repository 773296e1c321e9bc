import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, notifications, settings, supportIssueEvents, supportIssues, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { seedDemoContent } from "../demo/seed-demo-content";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { withHospitalsAway } from "../demo/moved-tree";
import { insertUser } from "../users/create-user";
import { createIssueType } from "./issue-types";
import { setStaffProfile } from "./staff";

const uploadDir = await mkdtemp(path.join(os.tmpdir(), "support-files-"));
const { db } = await createTestDatabase({ UPLOAD_DIR: uploadDir });
let demo: DemoInstallation;
const system = { actorId: null, ip: null };

// Who takes part, beyond the demo's people: staff of Helix Clinical Education (the internal unit)
// for everything, for questions only, for Hospital Clínic only; staff of the Nordics market.
const people: Record<string, string> = {};
const types: Record<"complaint" | "question" | "nordicQuestion", string> = {
  complaint: "",
  question: "",
  nordicQuestion: "",
};
const issues: Record<"stOlavComplaint" | "clinicQuestion" | "stOlavNordicQuestion", string> = {
  stOlavComplaint: "",
  clinicQuestion: "",
  stOlavNordicQuestion: "",
};
let item = "";

const caller = (who: string) => callerFor(db, people[who] ?? null);

async function staffMember(name: string, group: string, profile: Parameters<typeof setStaffProfile>[3]) {
  const user = await insertUser(db, {
    email: `${name}@helix.example`,
    firstName: name,
    lastName: "Staff",
    memberOf: [group],
    status: "active",
  });
  await setStaffProfile(db, system, user.id, profile);
  people[name] = user.id;
}

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await seedDemoContent(db, demo);
  await db.update(settings).set({ supportIssuesEnabled: true }).where(eq(settings.id, true));
  Object.assign(people, {
    owner: demo.users.owner,
    market: demo.users.market,
    customer: demo.users.customer,
    group: demo.users.group,
    reporter: demo.users.product,
    laura: demo.users.clinicUser,
    tom: demo.users.devonUser,
  });
  const unit = demo.nodes.internal;
  types.complaint = (
    await createIssueType(db, system, {
      name: "Device complaint",
      description: "",
      deviceComplaint: true,
      defaultUnitId: unit,
      attachmentsAllowed: true,
    })
  ).id;
  types.question = (
    await createIssueType(db, system, {
      name: "Question",
      description: "",
      deviceComplaint: false,
      defaultUnitId: unit,
      attachmentsAllowed: false,
    })
  ).id;
  types.nordicQuestion = (
    await createIssueType(db, system, {
      name: "Nordic question",
      description: "",
      deviceComplaint: false,
      defaultUnitId: demo.nodes.nordics,
      attachmentsAllowed: false,
    })
  ).id;
  await staffMember("allStaff", demo.nodes.trainers, { unitIds: [unit], typeIds: [], accounts: [] });
  await staffMember("questionStaff", demo.nodes.trainers, { unitIds: [unit], typeIds: [types.question], accounts: [] });
  await staffMember("clinicStaff", demo.nodes.trainers, {
    unitIds: [unit],
    typeIds: [],
    accounts: [{ nodeId: demo.nodes.clinic, category: "customer" }],
  });
  await staffMember("nordicStaff", demo.nodes.nordicTeam, { unitIds: [demo.nodes.nordics], typeIds: [], accounts: [] });

  const portal = await caller("reporter").portal.home();
  item = portal.items[0]!.id;
  // Reported while the hospitals sit in each other's market when the tree is to be moved (the
  // matrices' run after moves): the issues must follow their hospital home.
  await withHospitalsAway(db, demo, async () => {
    issues.stOlavComplaint = (
      await caller("reporter").support.report({
        typeId: types.complaint,
        itemId: item,
        title: "The pump alarms without cause",
        description: "During an infusion the occlusion alarm sounded three times.",
        severity: "high",
        device: { serial: "P1-0042", eventDate: "2026-11-28", harm: false },
      })
    ).id;
    issues.clinicQuestion = (
      await caller("laura").support.report({
        typeId: types.question,
        itemId: null,
        title: "Where is the cleaning guide?",
        description: "I cannot find it.",
        severity: "low",
        device: null,
      })
    ).id;
    issues.stOlavNordicQuestion = (
      await caller("reporter").support.report({
        typeId: types.nordicQuestion,
        itemId: null,
        title: "A training date in Trondheim?",
        description: "When is the next session?",
        severity: "medium",
        device: null,
      })
    ).id;
  });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function snapshot() {
  const [issueRows, events, audits, outbox] = await Promise.all([
    db.select().from(supportIssues).orderBy(supportIssues.number),
    db.select({ n: count() }).from(supportIssueEvents),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(emailOutbox),
  ]);
  return { issueRows, events: events[0]?.n, audits: audits[0]?.n, outbox: outbox[0]?.n };
}

type IssueName = keyof typeof issues;
const issueNames = Object.keys(issues) as IssueName[];

/** Who may read each issue: its reporter, staff whose reach covers it, admins over its reporter. */
const readers: Record<string, IssueName[]> = {
  reporter: ["stOlavComplaint", "stOlavNordicQuestion"],
  laura: ["clinicQuestion"],
  tom: [],
  allStaff: ["stOlavComplaint", "clinicQuestion"],
  questionStaff: ["clinicQuestion"],
  clinicStaff: ["clinicQuestion"],
  nordicStaff: ["stOlavNordicQuestion"],
  owner: ["stOlavComplaint", "clinicQuestion", "stOlavNordicQuestion"],
  market: ["stOlavComplaint", "stOlavNordicQuestion"],
  customer: ["stOlavComplaint", "stOlavNordicQuestion"],
  group: [],
};
/** Who may handle each: staff only. */
const handlers: Record<string, IssueName[]> = {
  allStaff: ["stOlavComplaint", "clinicQuestion"],
  questionStaff: ["clinicQuestion"],
  clinicStaff: ["clinicQuestion"],
  nordicStaff: ["stOlavNordicQuestion"],
};

describe("support issues: isolation matrix", () => {
  for (const [who, readable] of Object.entries(readers)) {
    it(`${who}: reads exactly their issues; the others do not exist for them`, async () => {
      for (const name of issueNames) {
        const code = await codeOf(caller(who).support.byId({ issueId: issues[name] }));
        expect(code, `${who} reading ${name}`).toBe(readable.includes(name) ? "OK" : "NOT_FOUND");
      }
    });

    it(`${who}: replies, notes, status, reportability only where they handle; nothing changes otherwise`, async () => {
      for (const name of issueNames) {
        const before = await snapshot();
        const attempts = [
          () => caller(who).support.respond({ issueId: issues[name], body: "A note", internal: true }),
          () => caller(who).support.setStatus({ issueId: issues[name], status: "waiting" }),
          () =>
            caller(who).support.decideReportability({
              issueId: issues[name],
              reportability: "no",
              reason: "Not serious",
              incident: null,
            }),
        ];
        if ((handlers[who] ?? []).includes(name)) {
          expect(await codeOf(attempts[0]!()), `${who} noting on ${name}`).toBe("OK");
          continue;
        }
        const codes = [];
        for (const attempt of attempts) codes.push(await codeOf(attempt()));
        const expected = !readable.includes(name) ? "NOT_FOUND" : "FORBIDDEN";
        expect(codes, `${who} handling ${name}`).toEqual([expected, expected, expected]);
        expect(await snapshot()).toEqual(before);
      }
    });
  }

  it("following up and reopening are the reporter's alone", async () => {
    for (const who of Object.keys(readers)) {
      for (const name of issueNames) {
        const own = (who === "reporter" && name !== "clinicQuestion") || (who === "laura" && name === "clinicQuestion");
        const before = await snapshot();
        const code = await codeOf(caller(who).support.followUp({ issueId: issues[name], body: "Any news?" }));
        if (own) {
          expect(code).toBe("OK");
          continue;
        }
        expect(code, `${who} following up ${name}`).toBe(readers[who]!.includes(name) ? "FORBIDDEN" : "NOT_FOUND");
        expect(await codeOf(caller(who).support.reopen({ issueId: issues[name] }))).toBe(code);
        expect(await snapshot()).toEqual(before);
      }
    }
  });

  it("assigning: to a handler whose reach covers the issue, by its staff or its unit's admins", async () => {
    // The market admin administers the Nordics unit: they assign its issues, and no others.
    expect(await codeOf(caller("market").support.assignable({ issueId: issues.stOlavNordicQuestion }))).toBe("OK");
    expect(await codeOf(caller("market").support.assignable({ issueId: issues.stOlavComplaint }))).toBe("FORBIDDEN");
    expect(await codeOf(caller("customer").support.assign({ issueId: issues.stOlavComplaint, assigneeId: null }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(caller("tom").support.assign({ issueId: issues.clinicQuestion, assigneeId: null }))).toBe(
      "NOT_FOUND",
    );
    const candidates = await caller("allStaff").support.assignable({ issueId: issues.clinicQuestion });
    expect(candidates.map((c) => c.id).sort()).toEqual(
      [people.allStaff, people.questionStaff, people.clinicStaff].sort(),
    );
    // Someone whose reach does not cover the issue cannot be given it.
    const before = await snapshot();
    await expect(
      caller("allStaff").support.assign({ issueId: issues.stOlavComplaint, assigneeId: people.questionStaff! }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
    await caller("allStaff").support.assign({ issueId: issues.clinicQuestion, assigneeId: people.clinicStaff! });
    const [assigned] = await db.select().from(supportIssues).where(eq(supportIssues.id, issues.clinicQuestion));
    expect(assigned?.assigneeId).toBe(people.clinicStaff);
    expect(
      await db.select().from(notifications).where(eq(notifications.recipientId, people.clinicStaff!)),
    ).toContainEqual(expect.objectContaining({ kind: "support_assigned" }));
  });

  it("the inbox and the set-up: outsiders see nothing of others' issues; only the owner configures", async () => {
    const titles = async (who: string) =>
      (await caller(who).support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 100 })).items.map(
        (i) => i.number,
      );
    const numbers = Object.fromEntries(
      (await db.select().from(supportIssues)).map((issue) => [issue.id, issue.number]),
    );
    for (const who of ["allStaff", "questionStaff", "clinicStaff", "nordicStaff", "owner", "market", "customer"]) {
      expect((await titles(who)).sort(), who).toEqual(readers[who]!.map((name) => numbers[issues[name]]).sort());
    }
    // A filter naming another customer does not widen anything.
    const filtered = await caller("customer").support.inbox({
      tab: "all",
      customerId: demo.nodes.clinic,
      sort: "newest",
      page: 1,
      pageSize: 100,
    });
    expect(filtered.items).toEqual([]);
    // The export: the same rows, every page, nothing of another customer's even when named.
    const exported = await caller("customer").support.export({ tab: "all" });
    expect(exported.map((row) => row.number).sort()).toEqual(
      readers.customer!.map((name) => numbers[issues[name]]).sort(),
    );
    expect(await caller("customer").support.export({ tab: "all", customerId: demo.nodes.clinic })).toEqual([]);
    for (const who of ["reporter", "tom", "group"])
      expect(await codeOf(caller(who).support.export({ tab: "all" }))).toBe("FORBIDDEN");
    // The trend chart counts the same issues, by month and by product.
    const trend = await caller("customer").support.trend({ tab: "all" });
    expect(trend.months.reduce((sum, m) => sum + m.issues, 0)).toBe(readers.customer!.length);
    expect(trend.products.reduce((sum, p) => sum + p.issues, 0)).toBe(readers.customer!.length);
    expect(trend.products).toContainEqual({ product: "No product named", issues: 1 });
    expect(await caller("customer").support.trend({ tab: "all", customerId: demo.nodes.clinic })).toEqual({
      months: [],
      products: [],
    });
    for (const who of ["reporter", "tom", "group"])
      expect(await codeOf(caller(who).support.trend({ tab: "all" }))).toBe("FORBIDDEN");
    for (const who of ["reporter", "tom", "group"])
      expect(await codeOf(caller(who).support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 25 }))).toBe(
        "FORBIDDEN",
      );
    // The owner's set-up.
    for (const who of ["market", "customer", "allStaff", "reporter"]) {
      const before = await snapshot();
      expect(await codeOf(caller(who).support.types())).toBe("FORBIDDEN");
      expect(
        await codeOf(
          caller(who).support.updateType({
            typeId: types.question,
            name: "Mine",
            description: "",
            deviceComplaint: false,
            defaultUnitId: demo.nodes.internal,
            attachmentsAllowed: false,
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(await codeOf(caller(who).support.retireType({ typeId: types.question, action: "retire" }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await codeOf(
          caller(who).support.createType({
            name: "Theirs",
            description: "",
            deviceComplaint: false,
            defaultUnitId: demo.nodes.nordics,
            attachmentsAllowed: false,
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(await codeOf(caller(who).support.staffOf({ userId: people.allStaff! }))).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(
        await codeOf(
          caller(who).support.setStaff({
            userId: people.reporter!,
            unitIds: [demo.nodes.internal],
            typeIds: [],
            accounts: [],
          }),
        ),
      ).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("the inbox's customer, market and product filters offer only those with issues in reach, and narrow the list", async () => {
    const offered = async (who: string, kind: "customer" | "market" | "item", search?: string) =>
      (await caller(who).support.filterOptions({ kind, ...(search ? { search } : {}) })).map((o) => o.label);
    expect(await offered("owner", "customer")).toEqual([
      "Hospital Clínic Barcelona (Iberia)",
      "St Olav University Hospital (Nordics)",
    ]);
    expect(await offered("owner", "customer", "clín")).toEqual(["Hospital Clínic Barcelona (Iberia)"]);
    // The wildcards of SQL are letters here.
    expect(await offered("owner", "customer", "%")).toEqual([]);
    expect(await offered("owner", "market")).toEqual(["Iberia", "Nordics"]);
    expect(await offered("questionStaff", "customer")).toEqual(["Hospital Clínic Barcelona (Iberia)"]);
    expect(await offered("nordicStaff", "customer")).toEqual(["St Olav University Hospital (Nordics)"]);
    expect(await offered("customer", "market")).toEqual(["Nordics"]);
    // The complaint names a product; the question staff reach no issue about it.
    const [product] = await caller("owner").support.filterOptions({ kind: "item" });
    expect(product?.id).toBe(item);
    expect(await offered("questionStaff", "item")).toEqual([]);
    for (const who of ["reporter", "tom", "group"])
      expect(await codeOf(caller(who).support.filterOptions({ kind: "customer" })), who).toBe("FORBIDDEN");

    const listed = async (who: string, filter: { customerId?: string; marketId?: string; itemId?: string }) =>
      (await caller(who).support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 100, ...filter })).items.map(
        (i) => i.id,
      );
    expect(await listed("owner", { itemId: item })).toEqual([issues.stOlavComplaint]);
    expect(await listed("owner", { marketId: demo.nodes.iberia })).toEqual([issues.clinicQuestion]);
    expect((await listed("owner", { customerId: demo.nodes.stOlav })).sort()).toEqual(
      [issues.stOlavComplaint, issues.stOlavNordicQuestion].sort(),
    );
    expect(await listed("questionStaff", { customerId: demo.nodes.stOlav })).toEqual([]);
  });

  it("an issue type is handled by an internal organisation or a market, nothing else", async () => {
    const before = await snapshot();
    for (const unit of [demo.nodes.stOlav, demo.nodes.cardiology, demo.nodes.owner])
      await expect(
        caller("owner").support.createType({
          name: "Misrouted",
          description: "",
          deviceComplaint: false,
          defaultUnitId: unit,
          attachmentsAllowed: false,
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });

  it("a report names only the reporter's own items and live types", async () => {
    const before = await snapshot();
    // Laura (Barcelona) has no demo items of St Olav's: naming one is refused.
    const home = await caller("laura").portal.home();
    expect(home.items.map((i) => i.id)).not.toContain(item);
    await expect(
      caller("laura").support.report({
        typeId: types.question,
        itemId: item,
        title: "Hm",
        description: "Hm",
        severity: "low",
        device: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // A device complaint without its device details.
    await expect(
      caller("reporter").support.report({
        typeId: types.complaint,
        itemId: null,
        title: "Broken",
        description: "It broke.",
        severity: "high",
        device: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("support issues: files", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
  // The route handlers' own calls (the upload and download routes), as the given person.
  const routeCaller = (who: string) => callerFor(db, people[who] ?? null, "server");
  const attach = (who: string, issueId: string, internal = false, bytes = pdf, name = "log.pdf") =>
    routeCaller(who).support.attachFile({ issueId, name, bytes, internal });
  const storedFiles = async () =>
    (await readdir(uploadDir, { recursive: true })).filter((entry) => entry.endsWith(".pdf")).length;

  it("a file is added by the issue's reporter or its handlers, where its type takes files; nothing changes otherwise", async () => {
    for (const who of Object.keys(readers)) {
      for (const name of issueNames) {
        const before = await snapshot();
        const files = await storedFiles();
        // Asked before an upload's body is read: the same answer as the upload itself.
        const asked = await codeOf(routeCaller(who).support.mayAttachFile({ issueId: issues[name] }));
        const code = await codeOf(attach(who, issues[name]));
        expect(asked, `${who} asking to attach to ${name}`).toBe(code);
        const own = (who === "reporter" && name !== "clinicQuestion") || (who === "laura" && name === "clinicQuestion");
        const may = own || (handlers[who] ?? []).includes(name);
        // Only the device complaint's type takes files.
        const expected = !readers[who]!.includes(name)
          ? "NOT_FOUND"
          : !may
            ? "FORBIDDEN"
            : name === "stOlavComplaint"
              ? "OK"
              : "BAD_REQUEST";
        expect(code, `${who} attaching to ${name}`).toBe(expected);
        if (code === "OK") continue;
        expect(await snapshot()).toEqual(before);
        expect(await storedFiles()).toBe(files);
      }
    }
  });

  it("files are reached only through the app's own routes, never as API procedures over HTTP", async () => {
    const before = await snapshot();
    await expect(
      caller("reporter").support.attachFile({
        issueId: issues.stOlavComplaint,
        name: "a.pdf",
        bytes: pdf,
        internal: false,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller("reporter").support.mayAttachFile({ issueId: issues.stOlavComplaint })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [file] = (await caller("reporter").support.byId({ issueId: issues.stOlavComplaint })).events.filter(
      (e) => e.kind === "file",
    );
    await expect(
      caller("reporter").support.file({ issueId: issues.stOlavComplaint, fileId: file!.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("an internal file is its handlers' alone (staff, the handling unit's admins); readers get the bytes; where it is stored never leaves the server", async () => {
    const issueId = issues.stOlavComplaint;
    const shared = await attach("allStaff", issueId, false, pdf, "manual-page.pdf");
    const internal = await attach("allStaff", issueId, true, pdf, "../../risk-assessment.pdf");
    expect(internal.name).toBe("risk-assessment.pdf");
    const seenBy = async (who: string) =>
      (await caller(who).support.byId({ issueId })).events.filter((e) => e.kind === "file").map((e) => e.id);
    expect(await seenBy("reporter")).toContain(shared.eventId);
    expect(await seenBy("reporter")).not.toContain(internal.eventId);
    // The reporter's own organisation reads along, without the maker's internal side.
    expect(await seenBy("customer")).toContain(shared.eventId);
    expect(await seenBy("customer")).not.toContain(internal.eventId);
    expect(await seenBy("market")).not.toContain(internal.eventId);
    expect(await seenBy("owner")).toContain(internal.eventId);
    for (const event of (await caller("owner").support.byId({ issueId })).events)
      expect(Object.keys(event.data)).not.toContain("key");

    const read = (who: string, fileId: string) => routeCaller(who).support.file({ issueId, fileId });
    expect(Buffer.from((await read("reporter", shared.eventId)).bytes)).toEqual(Buffer.from(pdf));
    expect(await codeOf(read("reporter", internal.eventId))).toBe("NOT_FOUND");
    expect(await codeOf(read("market", internal.eventId))).toBe("NOT_FOUND");
    expect(await codeOf(read("customer", internal.eventId))).toBe("NOT_FOUND");
    expect((await read("owner", internal.eventId)).name).toBe("risk-assessment.pdf");
    expect(await codeOf(read("tom", shared.eventId))).toBe("NOT_FOUND");
    expect(await codeOf(read("questionStaff", shared.eventId))).toBe("NOT_FOUND");
    // A file of another issue, asked for under an issue one reads: not there.
    const other = await attach("laura", issues.clinicQuestion).catch(() => null);
    expect(other).toBeNull();
    const nordic = await caller("reporter").support.byId({ issueId: issues.stOlavNordicQuestion });
    expect(await codeOf(routeCaller("reporter").support.file({ issueId: nordic.id, fileId: shared.eventId }))).toBe(
      "NOT_FOUND",
    );

    // The reporter is emailed about the shared file, not about the internal one.
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "support_update"));
    expect(mails.filter((m) => m.text.includes("manual-page.pdf"))).toHaveLength(1);
    expect(mails.filter((m) => m.text.includes("risk-assessment.pdf"))).toHaveLength(0);
  });

  it("an empty file, a file whose bytes are not of a known type, and a file on a closed issue are refused and stored nowhere", async () => {
    const issueId = issues.stOlavComplaint;
    const before = await snapshot();
    const files = await storedFiles();
    expect(await codeOf(attach("reporter", issueId, false, new Uint8Array()))).toBe("BAD_REQUEST");
    const script = new TextEncoder().encode("<script>alert(1)</script>");
    expect(await codeOf(attach("reporter", issueId, false, script, "evil.pdf"))).toBe("BAD_REQUEST");
    // The reporter cannot mark a file internal: theirs is always shared with the handlers.
    const own = await attach("reporter", issueId, true);
    const [event] = await db.select().from(supportIssueEvents).where(eq(supportIssueEvents.id, own.eventId));
    expect(event?.public).toBe(true);
    expect(await storedFiles()).toBe(files + 1);

    const { id: later } = await caller("reporter").support.report({
      typeId: types.complaint,
      itemId: null,
      title: "The screen flickers",
      description: "After the update the screen flickers at start.",
      severity: "low",
      device: { serial: "P1-0099", eventDate: "2026-11-20", harm: false },
    });
    await caller("allStaff").support.setStatus({ issueId: later, status: "resolved" });
    await caller("allStaff").support.setStatus({ issueId: later, status: "closed" });
    const closed = await snapshot();
    expect(await codeOf(attach("reporter", later))).toBe("PRECONDITION_FAILED");
    expect(await snapshot()).toEqual(closed);
    expect(await storedFiles()).toBe(files + 1);
    expect(before.events).toBeLessThan(closed.events ?? 0);
  });
});

describe("support issues: off means absent", () => {
  it("with support issues off, every procedure answers NOT_FOUND", async () => {
    await db.update(settings).set({ supportIssuesEnabled: false }).where(eq(settings.id, true));
    try {
      expect(await codeOf(caller("reporter").support.mine())).toBe("NOT_FOUND");
      expect(await codeOf(caller("reporter").support.byId({ issueId: issues.stOlavComplaint }))).toBe("NOT_FOUND");
      expect(await codeOf(caller("owner").support.inbox({ tab: "all", sort: "newest", page: 1, pageSize: 25 }))).toBe(
        "NOT_FOUND",
      );
    } finally {
      await db.update(settings).set({ supportIssuesEnabled: true }).where(eq(settings.id, true));
    }
  });
});

describe("support issues: the workflow", () => {
  it("a new issue is announced to the staff who reach it, in the dashboard and by email, and to no one else", async () => {
    const announced = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "support_new_issue"));
    const to = (title: string) =>
      announced
        .filter((m) => m.text.includes(title))
        .map((m) => m.toAddress)
        .sort();
    // (Addresses are stored in lower case.)
    expect(to("The pump alarms without cause")).toEqual(["allstaff@helix.example"]);
    expect(to("Where is the cleaning guide?")).toEqual(
      ["allstaff@helix.example", "clinicstaff@helix.example", "questionstaff@helix.example"].sort(),
    );
    expect(to("A training date in Trondheim?")).toEqual(["nordicstaff@helix.example"]);
  });

  it("a reporter never reads internal notes; a public reply and a status change email them once each", async () => {
    const issueId = issues.stOlavComplaint;
    const reporterEmail = "user@helix.example";
    const mails = async () =>
      (await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, reporterEmail))).filter(
        (m) => m.kind === "support_update",
      ).length;
    const before = await mails();
    await caller("allStaff").support.respond({ issueId, body: "Internal: check lot P1-00xx", internal: true });
    await caller("allStaff").support.respond({ issueId, body: "Thank you, we are looking into it.", internal: false });
    await caller("allStaff").support.setStatus({ issueId, status: "waiting" });
    expect(await mails()).toBe(before + 2);
    const seen = await caller("reporter").support.byId({ issueId });
    const bodies = seen.events.map((e) => e.body);
    expect(bodies).toContain("Thank you, we are looking into it.");
    expect(bodies).not.toContain("Internal: check lot P1-00xx");
    expect(seen.reportability).toBeNull();
    // The reporter's answer brings it back to In progress.
    await caller("reporter").support.followUp({ issueId, body: "It happened again today." });
    expect((await caller("allStaff").support.byId({ issueId })).status).toBe("in_progress");
    // Resolved, then reopened by the reporter within the period.
    await caller("allStaff").support.setStatus({ issueId, status: "resolved" });
    await caller("reporter").support.reopen({ issueId });
    expect((await caller("reporter").support.byId({ issueId })).status).toBe("in_progress");
    // A step the workflow does not have is refused with a sentence.
    await expect(caller("allStaff").support.setStatus({ issueId, status: "new" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("the reporter's organisation reads along without the maker's side: no internal notes, handler or reportability (isolation matrix)", async () => {
    const issueId = issues.stOlavComplaint;
    await caller("allStaff").support.assign({ issueId, assigneeId: people.allStaff! });
    await caller("allStaff").support.respond({ issueId, body: "Internal: the lot is under review", internal: true });
    await caller("allStaff").support.respond({ issueId, body: "We have your report.", internal: false });
    await caller("allStaff").support.decideReportability({
      issueId,
      reportability: "no",
      reason: "Alarm worked as designed.",
      incident: null,
    });
    for (const who of ["reporter", "customer", "market"]) {
      const seen = await caller(who).support.byId({ issueId });
      expect(seen.viewer, who).toBe(who === "reporter" ? "reporter" : "organisation");
      expect(seen.events.map((e) => e.body)).not.toContain("Internal: the lot is under review");
      expect(seen).toMatchObject({
        assigneeName: null,
        reportability: null,
        reportabilityReason: null,
        deadlineAt: null,
      });
      // The maker's replies are signed by the handling unit, not by the person who wrote them.
      const reply = seen.events.find((e) => e.body === "We have your report.")!;
      expect(reply.actorName).toBe("Helix Clinical Education");
      expect(JSON.stringify(seen)).not.toContain("allStaff Staff");
    }
    // Their inbox and export name neither the handler nor the decision.
    for (const who of ["customer", "market"]) {
      const row = (await caller(who).support.inbox({ tab: "all" })).items.find((i) => i.id === issueId)!;
      expect(row).toMatchObject({ assigneeName: null, deadlineAt: null, handledByViewer: null });
      const exported = (await caller(who).support.export({ tab: "all" })).find((r) => r.title === row.title)!;
      expect(exported).toMatchObject({ handler: null, reportable: null, reportDue: null });
    }
    // Its handlers, and the owner's admins over the handling unit, see all of it.
    for (const who of ["allStaff", "owner"]) {
      const seen = await caller(who).support.byId({ issueId });
      expect(seen.viewer).toBe("handler");
      expect(seen.events.map((e) => e.body)).toContain("Internal: the lot is under review");
      expect(seen.reportabilityReason).toBe("Alarm worked as designed.");
      const row = (await caller(who).support.inbox({ tab: "all" })).items.find((i) => i.id === issueId)!;
      expect(row.handledByViewer).toBe(true);
    }
    // A market admin whose own market handles an issue is one of its handlers there.
    const nordic = issues.stOlavNordicQuestion;
    await caller("nordicStaff").support.respond({ issueId: nordic, body: "Internal: ask Trondheim", internal: true });
    expect((await caller("market").support.byId({ issueId: nordic })).events.map((e) => e.body)).toContain(
      "Internal: ask Trondheim",
    );
    expect((await caller("customer").support.byId({ issueId: nordic })).events.map((e) => e.body)).not.toContain(
      "Internal: ask Trondheim",
    );
  });

  it("a serious incident gets its deadline from the day of awareness (EU MDR Article 87)", async () => {
    const issueId = issues.stOlavComplaint;
    await caller("allStaff").support.decideReportability({
      issueId,
      reportability: "yes",
      reason: "Unanticipated serious deterioration is possible.",
      incident: "death_or_serious_deterioration",
    });
    const [row] = await db.select().from(supportIssues).where(eq(supportIssues.id, issueId));
    expect(row?.deadlineDays).toBe(10);
    expect(row!.deadlineAt!.getTime() - row!.awareAt.getTime()).toBe(10 * 86_400_000);
    // Only device complaints are decided on.
    await expect(
      caller("allStaff").support.decideReportability({
        issueId: issues.clinicQuestion,
        reportability: "no",
        reason: "n/a",
        incident: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a suspended handler's issues stay assigned to them, wait in the reassignment list, and are reassigned in bulk (isolation matrix)", async () => {
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, people.clinicStaff!));
    try {
      const [still] = await db.select().from(supportIssues).where(eq(supportIssues.id, issues.clinicQuestion));
      expect(still?.assigneeId).toBe(people.clinicStaff);
      const waiting = await caller("allStaff").support.inbox({
        tab: "reassign",
        sort: "newest",
        page: 1,
        pageSize: 25,
      });
      expect(waiting.items.map((i) => i.id)).toEqual([issues.clinicQuestion]);
      const counts = await caller("allStaff").support.inboxCounts();
      expect(counts.reassign).toBe(1);
      // Bulk reassignment: each issue asked about on its own; one out of reach changes nothing.
      expect(
        await codeOf(
          caller("customer").support.reassign({ issueIds: [issues.clinicQuestion], assigneeId: people.allStaff! }),
        ),
      ).toBe("FORBIDDEN");
      const before = await snapshot();
      const byMarket = await caller("market").support.reassign({
        issueIds: [issues.clinicQuestion],
        assigneeId: people.allStaff!,
      });
      expect(byMarket).toEqual({
        assigned: 0,
        failed: [{ issueId: issues.clinicQuestion, message: "No such issue." }],
      });
      expect(await snapshot()).toEqual(before);
      const result = await caller("allStaff").support.reassign({
        issueIds: [issues.clinicQuestion, issues.stOlavNordicQuestion],
        assigneeId: people.questionStaff!,
      });
      expect(result.assigned).toBe(1);
      expect(result.failed).toEqual([{ issueId: issues.stOlavNordicQuestion, message: "No such issue." }]);
      const [moved] = await db.select().from(supportIssues).where(eq(supportIssues.id, issues.clinicQuestion));
      expect(moved?.assigneeId).toBe(people.questionStaff);
      const [untouched] = await db
        .select()
        .from(supportIssues)
        .where(eq(supportIssues.id, issues.stOlavNordicQuestion));
      expect(untouched?.assigneeId).toBeNull();
    } finally {
      await db.update(users).set({ suspendedAt: null }).where(eq(users.id, people.clinicStaff!));
    }
  });
});

describe("support issues: the reporting deadline's reminders", () => {
  it("reminds the handlers 3 days before, the unit's admins 1 day before, escalates once missed; each once", async () => {
    const { remindDeadlines } = await import("./deadlines");
    const { id } = await caller("reporter").support.report({
      typeId: types.complaint,
      itemId: null,
      title: "Smoke from the charger",
      description: "The charger of a P1 pump smoked in the ward.",
      severity: "critical",
      device: { serial: "C-77", eventDate: "2026-11-30", harm: false },
    });
    await caller("allStaff").support.decideReportability({
      issueId: id,
      reportability: "yes",
      reason: "A fire risk on a ward: a serious public health threat.",
      incident: "public_health_threat",
    });
    const [issue] = await db.select().from(supportIssues).where(eq(supportIssues.id, id));
    const deadline = issue!.deadlineAt!.getTime();
    expect(deadline - issue!.awareAt.getTime()).toBe(2 * 86_400_000);
    const notified = async (kind: string) =>
      (await db.select().from(notifications).where(eq(notifications.kind, kind)))
        .filter((n) => n.sourceId === id)
        .map((n) => n.recipientId)
        .sort();
    const at = (offset: number) => new Date(deadline + offset);

    // The deadline is 2 days away: within 3 days at once, so the handlers (unassigned: the staff
    // who reach it) are reminded, once however often the job runs.
    expect((await remindDeadlines(db, "https://academy.example", at(-36 * 3_600_000))).taken).toBe(1);
    expect((await remindDeadlines(db, "https://academy.example", at(-36 * 3_600_000))).taken).toBe(0);
    expect(await notified("support_deadline_due_in_3_days")).toEqual([people.allStaff].sort());
    // A day before: the admins of the handling unit too (Helix Clinical Education: the owner admins).
    expect((await remindDeadlines(db, "https://academy.example", at(-12 * 3_600_000))).taken).toBe(1);
    expect(await notified("support_deadline_due_in_1_day")).toEqual([people.allStaff, people.owner].sort());
    // Missed: escalated.
    expect((await remindDeadlines(db, "https://academy.example", at(3_600_000))).taken).toBe(1);
    expect(await notified("support_deadline_missed")).toEqual([people.allStaff, people.owner].sort());
    expect((await remindDeadlines(db, "https://academy.example", at(7_200_000))).taken).toBe(0);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "support_deadline"));
    expect(mails.filter((m) => m.subject.includes("Smoke") || m.text.includes("Smoke from the charger")).length).toBe(
      5,
    );
    // Each step is recorded on the issue, with its notifications and emails.
    const [after] = await db.select().from(supportIssues).where(eq(supportIssues.id, id));
    expect(after?.deadlineReminders).toEqual(["due_in_3_days", "due_in_1_day", "missed"]);
  });
});
