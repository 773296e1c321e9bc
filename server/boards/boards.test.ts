import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  boardPosts,
  boardThreads,
  emailOutbox,
  notifications,
  roleAssignments,
  settings,
  users,
} from "../db/schema";
import { createCaller } from "../api/root";
import { createInnerContext } from "../api/trpc";
import { endSession, startSession } from "../auth/session";
import { insertUser } from "../users/create-user";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { addToGroup, removeFromGroup } from "../users/placements";
import { setEmailPreferences } from "../users/email-preferences";
import { sendBoardDigests } from "./digest";
import { announce, boardsListening, threadChanges } from "./live";

const { db } = await createTestDatabase({ UPLOAD_DIR: await mkdtemp(path.join(os.tmpdir(), "board-files-")) });
let demo: DemoInstallation;
type Who = keyof DemoInstallation["users"];
const caller = (who: Who) => callerFor(db, demo.users[who]);
const boards = { stOlav: "", cardiology: "", devon: "" };
type BoardName = keyof typeof boards;
const threads: Record<BoardName, string> = { stOlav: "", cardiology: "", devon: "" };
const firstPosts: Record<BoardName, string> = { stOlav: "", cardiology: "", devon: "" };

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
  const [posts, threadRows, audits] = await Promise.all([
    db.select({ n: count() }).from(boardPosts),
    db.select().from(boardThreads).orderBy(boardThreads.id),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { posts: posts[0]?.n, threadRows, audits: audits[0]?.n };
}

beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await db.update(settings).set({ communityBoardsEnabled: true }).where(eq(settings.id, true));
  // St Olav's customer admin: a board for the whole hospital and one for its cardiology nurses.
  boards.stOlav = (
    await caller("customer").boards.create({ nodeId: demo.nodes.stOlav, name: "St Olav", description: "" })
  ).id;
  await caller("customer").boards.giveToNode({ boardId: boards.stOlav, nodeId: demo.nodes.stOlav });
  boards.cardiology = (
    await caller("customer").boards.create({ nodeId: demo.nodes.stOlav, name: "Cardiology", description: "" })
  ).id;
  await caller("customer").boards.giveToNode({ boardId: boards.cardiology, nodeId: demo.nodes.cardiology });
  // The owner: a board for Royal Devon.
  boards.devon = (await caller("owner").boards.create({ nodeId: null, name: "Royal Devon", description: "" })).id;
  await caller("owner").boards.giveToNode({ boardId: boards.devon, nodeId: demo.nodes.royalDevon });
  for (const [name, who] of [
    ["stOlav", "product"],
    ["cardiology", "group"],
    ["devon", "devonUser"],
  ] as const) {
    const started = await caller(who).boards.startThread({
      boardId: boards[name],
      title: `Hello ${name}`,
      body: "First post.",
    });
    threads[name] = started.threadId;
    firstPosts[name] = started.postId;
  }
});

/** Who reads (and posts on) each board, and who moderates it. */
const members: Record<string, BoardName[]> = {
  owner: ["stOlav", "cardiology", "devon"],
  market: ["stOlav", "cardiology"],
  customer: ["stOlav", "cardiology"],
  group: ["stOlav", "cardiology"],
  product: ["stOlav", "cardiology"],
  clinicUser: [],
  devonUser: ["devon"],
};
const moderators: Record<string, BoardName[]> = {
  owner: ["stOlav", "cardiology", "devon"],
  market: ["stOlav", "cardiology"],
  customer: ["stOlav", "cardiology"],
};
const names = Object.keys(boards) as BoardName[];

describe("community boards: isolation matrix", () => {
  for (const [who, readable] of Object.entries(members)) {
    it(`${who}: reads and posts exactly on their boards; the others do not exist for them`, async () => {
      for (const name of names) {
        const boardId = boards[name];
        const expected = readable.includes(name) ? "OK" : "NOT_FOUND";
        const before = await snapshot();
        expect(await codeOf(caller(who as Who).boards.threads({ boardId, page: 1 })), `${who} reading ${name}`).toBe(
          expected,
        );
        expect(await codeOf(caller(who as Who).boards.thread({ boardId, threadId: threads[name], page: 1 }))).toBe(
          expected,
        );
        expect(await codeOf(caller(who as Who).boards.heading({ boardId }))).toBe(expected);
        // The live stream of a thread: refused before anything listens.
        expect(await codeOf(caller(who as Who).boards.threadEvents({ boardId, threadId: threads[name] }))).toBe(
          expected,
        );
        expect(
          await codeOf(caller(who as Who).boards.helpful({ boardId, postId: firstPosts[name], helpful: true })),
        ).toBe(expected);
        const replied = await codeOf(
          caller(who as Who).boards.reply({ boardId, threadId: threads[name], body: `From ${who}` }),
        );
        expect(replied, `${who} replying on ${name}`).toBe(expected);
        if (expected !== "OK") expect(await snapshot()).toEqual(before);
      }
    });

    it(`${who}: moderates only the boards made in their part of the organisation`, async () => {
      for (const name of names) {
        const boardId = boards[name];
        const before = await snapshot();
        const attempts = [
          () => caller(who as Who).boards.moderateThread({ boardId, threadId: threads[name], pinned: true }),
          () => caller(who as Who).boards.reports({ boardId }),
          () => caller(who as Who).boards.access({ boardId }),
          () => caller(who as Who).boards.givableNodes({ boardId }),
        ];
        if ((moderators[who] ?? []).includes(name)) {
          for (const attempt of attempts) expect(await codeOf(attempt()), `${who} moderating ${name}`).toBe("OK");
          continue;
        }
        const unknown = "00000000-0000-4000-8000-000000000000";
        attempts.push(
          () => caller(who as Who).boards.giveToNode({ boardId, nodeId: demo.nodes.orTechs }),
          () => caller(who as Who).boards.takeBack({ boardId, accessId: unknown }),
          () => caller(who as Who).boards.dismissReport({ boardId, reportId: unknown }),
        );
        const codes = [];
        for (const attempt of attempts) codes.push(await codeOf(attempt()));
        const expected = members[who]!.includes(name) ? "FORBIDDEN" : "NOT_FOUND";
        expect(codes, `${who} moderating ${name}`).toEqual(attempts.map(() => expected));
        expect(await snapshot()).toEqual(before);
      }
    });
  }

  it("boards are created where the admin administers, nowhere else", async () => {
    expect(
      await codeOf(caller("group").boards.create({ nodeId: demo.nodes.stOlav, name: "Mine", description: "" })),
    ).not.toBe("OK");
    expect(
      await codeOf(caller("customer").boards.create({ nodeId: demo.nodes.clinic, name: "Theirs", description: "" })),
    ).not.toBe("OK");
    expect(await codeOf(caller("market").boards.create({ nodeId: null, name: "Everyone", description: "" }))).not.toBe(
      "OK",
    );
    expect(await codeOf(caller("product").boards.create({ nodeId: null, name: "Everyone", description: "" }))).not.toBe(
      "OK",
    );
    const { id } = await caller("group").boards.create({
      nodeId: demo.nodes.cardiology,
      name: "Ward",
      description: "",
    });
    expect(id).toBeTruthy();
  });

  it("a board goes to its own node or one just below it, and to people placed there", async () => {
    const boardId = boards.cardiology;
    expect(await codeOf(caller("customer").boards.giveToNode({ boardId, nodeId: demo.nodes.clinic }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(caller("customer").boards.giveToUser({ boardId, userId: demo.users.clinicUser }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(caller("owner").boards.giveToUser({ boardId, userId: demo.users.devonUser }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("someone taken out of a group loses its board at once; their posts stay, attributed", async () => {
    const system = { actorId: demo.users.customer, ip: null };
    await caller("product").boards.reply({ boardId: boards.cardiology, threadId: threads.cardiology, body: "Mine." });
    await addToGroup(db, system, demo.users.product, demo.nodes.orTechs);
    await removeFromGroup(db, system, demo.users.product, demo.nodes.cardiology);
    expect(await codeOf(caller("product").boards.threads({ boardId: boards.cardiology, page: 1 }))).toBe("NOT_FOUND");
    // Still at St Olav: its hospital board stays theirs.
    expect(await codeOf(caller("product").boards.threads({ boardId: boards.stOlav, page: 1 }))).toBe("OK");
    const thread = await caller("group").boards.thread({
      boardId: boards.cardiology,
      threadId: threads.cardiology,
      page: 1,
    });
    expect(thread.posts.find((p) => p.body === "Mine.")?.authorName).toBe("Ingrid Nilsen");
    await addToGroup(db, system, demo.users.product, demo.nodes.cardiology);
  });

  it("with community boards off, every procedure answers NOT_FOUND", async () => {
    await db.update(settings).set({ communityBoardsEnabled: false }).where(eq(settings.id, true));
    try {
      expect(await codeOf(caller("owner").boards.mine())).toBe("NOT_FOUND");
      expect(await codeOf(caller("product").boards.threads({ boardId: boards.stOlav, page: 1 }))).toBe("NOT_FOUND");
    } finally {
      await db.update(settings).set({ communityBoardsEnabled: true }).where(eq(settings.id, true));
    }
  });
});

describe("community boards: threads, moderation and notifications", () => {
  it("lists the person's boards with their unread threads; opening a thread reads it", async () => {
    const board = (await caller("group").boards.mine()).find((b) => b.id === boards.stOlav)!;
    expect(board.unread).toBeGreaterThan(0);
    const { threads: list } = await caller("group").boards.threads({ boardId: boards.stOlav, page: 1 });
    for (const thread of list) await caller("group").boards.markRead({ boardId: boards.stOlav, threadId: thread.id });
    expect((await caller("group").boards.mine()).find((b) => b.id === boards.stOlav)!.unread).toBe(0);
  });

  it("a reply tells the thread's author; a mention tells a member named, never someone outside", async () => {
    const { threadId } = await caller("product").boards.startThread({
      boardId: boards.stOlav,
      title: "Night shift tips",
      body: "How do you keep the pump log?",
    });
    await caller("group").boards.reply({
      boardId: boards.stOlav,
      threadId,
      body: "@Ingrid Nilsen we use the card. @Laura García, @Nobody Here",
    });
    const of = async (userId: string, kind: string) =>
      (await db.select().from(notifications).where(eq(notifications.recipientId, userId))).filter(
        (n) => n.kind === kind && n.link?.endsWith(threadId),
      );
    expect(await of(demo.users.product, "board_reply")).toHaveLength(1);
    expect(await of(demo.users.product, "board_mention")).toHaveLength(1);
    expect(await of(demo.users.clinicUser, "board_mention")).toHaveLength(0);
    // The bell says where, never the words: a moderator may hide or remove them later.
    for (const told of [
      ...(await of(demo.users.product, "board_reply")),
      ...(await of(demo.users.product, "board_mention")),
    ])
      expect(`${told.title} ${told.body}`).not.toContain("we use the card");
  });

  it("one person posts at most 20 times a minute, and one post rings at most 10 bells", async () => {
    const flooder = await insertUser(db, {
      email: "flooder@stolav.example",
      firstName: "Flo",
      lastName: "Oder",
      memberOf: [demo.nodes.cardiology],
      status: "active",
    });
    const as = callerFor(db, flooder.id);
    const { threadId } = await as.boards.startThread({ boardId: boards.stOlav, title: "Bells", body: "Ding." });
    // Twelve readers of the board named in one post: ten are told.
    const named: string[] = [];
    for (let i = 0; i < 12; i++)
      named.push(
        (
          await insertUser(db, {
            email: `named${i}@stolav.example`,
            firstName: "Named",
            lastName: `Nurse${String.fromCharCode(65 + i)}`,
            memberOf: [demo.nodes.cardiology],
            status: "active",
          })
        ).id,
      );
    const { postId } = await as.boards.reply({
      boardId: boards.stOlav,
      threadId,
      body: Array.from({ length: 12 }, (_, i) => `@Named Nurse${String.fromCharCode(65 + i)}`).join(" "),
    });
    const rung = await db.select().from(notifications).where(eq(notifications.sourceId, postId));
    expect(rung).toHaveLength(10);
    for (let i = 0; i < 18; i++) await as.boards.reply({ boardId: boards.stOlav, threadId, body: `Reply ${i}` });
    // Twenty posts this minute (the thread's first, the mentions, eighteen replies): the next waits.
    await expect(as.boards.reply({ boardId: boards.stOlav, threadId, body: "One more" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "You are posting very fast: wait a minute, then post again.",
    });
    await expect(
      as.boards.startThread({ boardId: boards.stOlav, title: "Another", body: "Elsewhere" }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("someone taken out of the board's group is told of nothing more on it, replies and mentions alike", async () => {
    const leaver = await insertUser(db, {
      email: "leaver@stolav.example",
      firstName: "Lena",
      lastName: "Leaver",
      memberOf: [demo.nodes.cardiology],
      status: "active",
    });
    const { threadId } = await callerFor(db, leaver.id).boards.startThread({
      boardId: boards.stOlav,
      title: "My last question",
      body: "Who has the spare charger?",
    });
    // She moves to another hospital's group: St Olav's board is not hers any more.
    const system = { actorId: demo.users.owner, ip: null };
    await addToGroup(db, system, leaver.id, demo.nodes.endoscopy);
    await removeFromGroup(db, system, leaver.id, demo.nodes.cardiology);
    await caller("group").boards.reply({ boardId: boards.stOlav, threadId, body: "In the drawer. @Lena Leaver" });
    const told = await db.select().from(notifications).where(eq(notifications.recipientId, leaver.id));
    expect(told.filter((n) => n.link?.endsWith(threadId))).toEqual([]);
  });

  it("search finds a thread by its title or by a post's words", async () => {
    const titles = async (search: string) =>
      (await caller("customer").boards.threads({ boardId: boards.stOlav, page: 1, search })).threads.map(
        (t) => t.title,
      );
    expect(await titles("pump log")).toEqual(["Night shift tips"]);
    expect(await titles("shift")).toEqual(["Night shift tips"]);
    expect(await titles("nothing-like-this")).toEqual([]);
  });

  it("a locked thread takes replies from moderators only; pinned threads come first", async () => {
    const boardId = boards.stOlav;
    await caller("customer").boards.moderateThread({ boardId, threadId: threads.stOlav, locked: true, pinned: true });
    expect(await codeOf(caller("product").boards.reply({ boardId, threadId: threads.stOlav, body: "Hi" }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await codeOf(caller("customer").boards.reply({ boardId, threadId: threads.stOlav, body: "Closed." }))).toBe(
      "OK",
    );
    const { threads: list } = await caller("product").boards.threads({ boardId, page: 1 });
    expect(list[0]?.id).toBe(threads.stOlav);
  });

  it("a post is edited by its author within the window only", async () => {
    const boardId = boards.stOlav;
    const { postId } = await caller("product").boards.reply({
      boardId,
      threadId: (await caller("product").boards.threads({ boardId, page: 1, search: "pump log" })).threads[0]!.id,
      body: "Typo",
    });
    await caller("product").boards.edit({ boardId, postId, body: "Fixed" });
    expect(await codeOf(caller("group").boards.edit({ boardId, postId, body: "Not mine" }))).toBe(
      "PRECONDITION_FAILED",
    );
    await db
      .update(boardPosts)
      .set({ createdAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(boardPosts.id, postId));
    expect(await codeOf(caller("product").boards.edit({ boardId, postId, body: "Late" }))).toBe("PRECONDITION_FAILED");
    const [post] = await db.select().from(boardPosts).where(eq(boardPosts.id, postId));
    expect(post?.body).toBe("Fixed");
  });

  it("a reported post reaches the moderators; hiding keeps it for them with the reason; removing erases its words; all in the audit log", async () => {
    const boardId = boards.stOlav;
    const threadId = (await caller("product").boards.threads({ boardId, page: 1, search: "pump log" })).threads[0]!.id;
    const { postId } = await caller("group").boards.reply({
      boardId,
      threadId,
      body: "Call me on 555 0101 for lot numbers.",
    });
    await caller("product").boards.report({ boardId, postId, reason: "A private phone number." });
    await caller("product").boards.report({ boardId, postId, reason: "Again." });
    const reports = await caller("customer").boards.reports({ boardId });
    expect(reports.map((r) => r.reason)).toEqual(["A private phone number."]);
    expect(
      (await db.select().from(notifications).where(eq(notifications.recipientId, demo.users.customer))).filter(
        (n) => n.kind === "board_report",
      ),
    ).toHaveLength(1);

    await caller("customer").boards.moderatePost({ boardId, postId, action: "hide", reason: "Private data" });
    const seen = async (who: Who) =>
      (await caller(who).boards.thread({ boardId, threadId, page: 1 })).posts.find((p) => p.id === postId)!;
    expect(await seen("product")).toMatchObject({ hidden: true, body: "", hiddenReason: "Private data" });
    expect((await seen("customer")).body).toBe("Call me on 555 0101 for lot numbers.");
    expect(await caller("customer").boards.reports({ boardId })).toEqual([]);
    await caller("customer").boards.moderatePost({ boardId, postId, action: "remove", reason: "Private data" });
    expect(await seen("customer")).toMatchObject({ removed: true, body: "" });
    const actions = (await db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["board.post_hidden", "board.post_removed"]));
  });

  it("every app instance hears of a new post once it is committed", async () => {
    const controller = new AbortController();
    const changes = threadChanges(db, threads.devon, controller.signal);
    const next = changes.next();
    // The stream listens (as an open page's does) before anyone posts.
    await boardsListening(db);
    await caller("devonUser").boards.reply({ boardId: boards.devon, threadId: threads.devon, body: "Live?" });
    await expect(next).resolves.toEqual({ done: false, value: { threadId: threads.devon } });
    controller.abort();
    await expect(changes.next()).resolves.toMatchObject({ done: true });
  });
});

describe("community boards: a live stream decides from the present, event by event", () => {
  /** A thread page's stream, as the person would open it with their session. */
  const streamOf = async (userId: string, boardId: string, threadId: string, sessionId?: string) => {
    const api = createCaller(
      createInnerContext({ db, sessionUserId: userId, sessionId, ip: null, userAgent: "vitest", source: "http" }),
    );
    return (await api.boards.threadEvents({ boardId, threadId }))[Symbol.asyncIterator]();
  };
  /** The stream's next step: the thread is announced until the stream yields or ends, however long it takes to listen. */
  async function nextStep(stream: AsyncIterator<unknown>, boardId: string, threadId: string) {
    let settled = false;
    const next = stream.next().finally(() => (settled = true));
    await boardsListening(db);
    while (!settled) {
      await announce(db, boardId, threadId);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return next;
  }
  const member = async () =>
    (
      await insertUser(db, {
        email: `streamer.${Math.random().toString(36).slice(2)}@stolav.example`,
        firstName: "Stream",
        lastName: "Reader",
        memberOf: [demo.nodes.cardiology],
        status: "active",
      })
    ).id;

  it("a thread of another board, or a hidden one, is not streamed to a member", async () => {
    const reader = await member();
    await expect((await streamOf(reader, boards.stOlav, threads.devon)).next()).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { threadId } = await caller("product").boards.startThread({
      boardId: boards.stOlav,
      title: "To be hidden",
      body: "Soon hidden.",
    });
    await caller("customer").boards.moderateThread({
      boardId: boards.stOlav,
      threadId,
      hidden: { reason: "Off topic" },
    });
    await expect((await streamOf(reader, boards.stOlav, threadId)).next()).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("ends at sign-out, at suspension, when the thread is hidden, and when a moderator is demoted", async () => {
    const { threadId } = await caller("product").boards.startThread({
      boardId: boards.stOlav,
      title: "Streamed",
      body: "Watch this.",
    });
    // Signed out: the session row is ended; the next event ends the stream.
    const signedOut = await member();
    const sessionId = await startSession(db, { userId: signedOut, sessionVersion: 0, ip: null, userAgent: null });
    const bySession = await streamOf(signedOut, boards.stOlav, threadId, sessionId);
    expect(await nextStep(bySession, boards.stOlav, threadId)).toMatchObject({ done: false });
    await endSession(db, sessionId, "signed_out");
    expect(await nextStep(bySession, boards.stOlav, threadId)).toMatchObject({ done: true });

    // Suspended.
    const suspended = await member();
    const byActor = await streamOf(suspended, boards.stOlav, threadId);
    expect(await nextStep(byActor, boards.stOlav, threadId)).toMatchObject({ done: false });
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, suspended));
    expect(await nextStep(byActor, boards.stOlav, threadId)).toMatchObject({ done: true });

    // The thread hidden while a member reads it.
    const reader = await member();
    const byThread = await streamOf(reader, boards.stOlav, threadId);
    expect(await nextStep(byThread, boards.stOlav, threadId)).toMatchObject({ done: false });
    await caller("customer").boards.moderateThread({ boardId: boards.stOlav, threadId, hidden: { reason: "Check" } });
    expect(await nextStep(byThread, boards.stOlav, threadId)).toMatchObject({ done: true });

    // A moderator reading the hidden thread loses the role that made them one.
    const moderator = (
      await insertUser(db, {
        email: `moderator.${Math.random().toString(36).slice(2)}@stolav.example`,
        firstName: "Brief",
        lastName: "Moderator",
        memberOf: [demo.nodes.cardiology],
        roles: [{ role: "customer_admin", nodeId: demo.nodes.stOlav }],
        status: "active",
      })
    ).id;
    const byRole = await streamOf(moderator, boards.stOlav, threadId);
    expect(await nextStep(byRole, boards.stOlav, threadId)).toMatchObject({ done: false });
    await db.delete(roleAssignments).where(eq(roleAssignments.userId, moderator));
    expect(await nextStep(byRole, boards.stOlav, threadId)).toMatchObject({ done: true });
  });
});

describe("community boards: files on posts (isolation matrix)", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
  // The route handlers' own calls, as the given person.
  const routeCaller = (who: Who) => callerFor(db, demo.users[who], "server");

  it("its author adds files to their own post within the window; nobody else; checked like documents", async () => {
    const boardId = boards.cardiology;
    const { postId } = await caller("product").boards.reply({
      boardId,
      threadId: threads.cardiology,
      body: "The checklist, attached.",
    });
    const attach = (who: Who, bytes = pdf, onPost = postId) =>
      routeCaller(who).boards.attachFile({ boardId, postId: onPost, name: "checklist.pdf", bytes });
    // Asked before an upload's body is read: the same answers as the upload itself.
    const mayAttach = (who: Who, onPost = postId) => routeCaller(who).boards.mayAttachFile({ boardId, postId: onPost });
    expect(await mayAttach("product")).toEqual({ uploaderId: demo.users.product });
    expect(await codeOf(mayAttach("group"))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(mayAttach("clinicUser"))).toBe("NOT_FOUND");
    expect(await codeOf(caller("product").boards.mayAttachFile({ boardId, postId }))).toBe("NOT_FOUND");
    const before = await snapshot();
    expect(await codeOf(attach("group"))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(attach("clinicUser"))).toBe("NOT_FOUND");
    expect(await codeOf(attach("product", new TextEncoder().encode("<script>")))).toBe("BAD_REQUEST");
    // Over HTTP the procedure does not exist, even for the author.
    expect(await codeOf(caller("product").boards.attachFile({ boardId, postId, name: "a.pdf", bytes: pdf }))).toBe(
      "NOT_FOUND",
    );
    expect(await snapshot()).toEqual(before);

    const file = await attach("product");
    const read = (who: Who) => routeCaller(who).boards.file({ boardId, fileId: file.id });
    expect(Buffer.from((await read("group")).bytes)).toEqual(Buffer.from(pdf));
    expect(await codeOf(read("clinicUser"))).toBe("NOT_FOUND");
    expect(await codeOf(read("devonUser"))).toBe("NOT_FOUND");
    expect(await codeOf(caller("group").boards.file({ boardId, fileId: file.id }))).toBe("NOT_FOUND");
    // A hidden thread hides its posts' files from members too.
    const threadId = threads.cardiology;
    await caller("customer").boards.moderateThread({ boardId, threadId, hidden: { reason: "Check" } });
    expect(await codeOf(read("group"))).toBe("NOT_FOUND");
    expect(await codeOf(read("customer"))).toBe("OK");
    await caller("customer").boards.moderateThread({ boardId, threadId, hidden: null });
    expect(await codeOf(read("group"))).toBe("OK");
    // Five at most.
    for (let i = 0; i < 4; i++) await attach("product");
    expect(await codeOf(attach("product"))).toBe("BAD_REQUEST");
    expect(await codeOf(mayAttach("product"))).toBe("BAD_REQUEST");

    // Hidden: for moderators only; removed: for no one.
    await caller("customer").boards.moderatePost({ boardId, postId, action: "hide", reason: "Check first" });
    expect(await codeOf(read("group"))).toBe("NOT_FOUND");
    expect(await codeOf(read("customer"))).toBe("OK");
    await caller("customer").boards.moderatePost({ boardId, postId, action: "remove", reason: "Wrong file" });
    expect(await codeOf(read("customer"))).toBe("NOT_FOUND");

    // After the window, no more.
    const { postId: late } = await caller("product").boards.reply({
      boardId,
      threadId: threads.cardiology,
      body: "Later",
    });
    await db
      .update(boardPosts)
      .set({ createdAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(boardPosts.id, late));
    expect(await codeOf(attach("product", pdf, late))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(mayAttach("product", late))).toBe("PRECONDITION_FAILED");
  });
});

describe("community boards: the daily digest", () => {
  it("emails each member who wants it the unread threads of their boards, once a day; nobody else", async () => {
    await setEmailPreferences(db, demo.users.group, { boardDigest: false });
    const first = await sendBoardDigests(db, "https://academy.example");
    expect(first.sent).toBeGreaterThan(0);
    const digests = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "board_digest"));
    const to = digests.map((d) => d.toAddress);
    expect(to).toContain("user@helix.example");
    expect(to).not.toContain("group@helix.example");
    expect(to).not.toContain("laura.garcia@clinic.example");
    const mine = digests.find((d) => d.toAddress === "user@helix.example")!;
    expect(mine.text).toContain("https://academy.example/portal/boards/");
    expect(mine.text).toContain("turn it off in your profile");
    // Run again the same day (a retry, a second worker): nothing more.
    expect((await sendBoardDigests(db, "https://academy.example")).sent).toBe(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "board_digest"))).toHaveLength(
      digests.length,
    );
  });
});
