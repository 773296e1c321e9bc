import { expect, test } from "@playwright/test";
import { activeUser, database, signIn, signOut } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

// Two app instances (and two workers) on one PostgreSQL, as behind a load balancer: the one the
// tests use by default, and this second one.
const second = `http://localhost:${Number(process.env.E2E_APP_PORT ?? 3100) + 1}`;
const me = (base: string) => `${base}/api/trpc/me.get`;

test("signed in through one instance, a person works through the other; signing out on either ends it on both", async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `two.instances.${stamp}@royaldevon.example`;
  await activeUser({ email, firstName: "Ina", lastName: `Stances${stamp % 10000}` });
  await signIn(page, email);
  expect((await page.request.get(me(second))).status()).toBe(200);
  // The other instance's pages, with the same session.
  await page.goto(`${second}/portal`);
  await expect(page.getByText(`Ina Stances${stamp % 10000}`)).toBeVisible();
  await signOut(page);
  // Ended on the first instance too.
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(401);
  expect((await page.request.get(me(second))).status()).toBe(401);
});

test("a suspension takes effect on every instance at once", async ({ page }) => {
  const stamp = Date.now();
  const email = `suspended.everywhere.${stamp}@royaldevon.example`;
  const userId = await activeUser({ email, firstName: "Sue", lastName: `Spended${stamp % 10000}` });
  await signIn(page, email);
  expect((await page.request.get(me(second))).status()).toBe(200);
  const sql = database();
  try {
    // As an admin's suspension writes it: no instance keeps the person in memory.
    await sql`update users set suspended_at = now() where id = ${userId}`;
  } finally {
    await sql.end();
  }
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(401);
  expect((await page.request.get(me(second))).status()).toBe(401);
});

test("a reply posted through one instance appears for a reader on the other, without reloading", async ({
  page,
  browser,
}) => {
  const sql = database();
  let boardId: string;
  let threadId: string;
  try {
    const [row] = await sql`select t.board_id, t.id from board_threads t join boards b on b.id = t.board_id
      where b.name = 'St Olav nurses' and t.title = 'Priming the P1 on night shifts'`;
    boardId = row!.board_id as string;
    threadId = row!.id as string;
  } finally {
    await sql.end();
  }
  // The reader, on the second instance.
  await signIn(page, "user@helix.example");
  await page.goto(`${second}/portal/boards/${boardId}/threads/${threadId}`);
  await expect(page.getByText("New posts appear as they are written.")).toBeVisible();
  // The writer, on the first.
  const writer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const writing = await writer.newPage();
    await signIn(writing, "group@helix.example");
    const words = `Across instances ${Date.now()}`;
    const posted = await writing.request.post("/api/trpc/boards.reply", {
      data: { json: { boardId, threadId, body: words } },
    });
    expect(posted.status()).toBe(200);
    await expect(page.getByRole("list", { name: "Posts" })).toContainText(words);
  } finally {
    await writer.close();
  }
});

test("an email queued through one instance is sent once, by whichever of the two workers takes it", async ({
  page,
}) => {
  const to = `two.workers+${Date.now()}@hospital.example`;
  await signIn(page, "owner@helix.example");
  const sent = await page.request.post(`${second}/api/trpc/email.sendTest`, {
    data: { json: { to } },
    headers: { origin: second },
  });
  expect(sent.status()).toBe(200);
  const standIn = process.env.E2E_STAND_IN_URL!;
  await expect
    .poll(async () => (await fetchStandInEmails(standIn)).filter((e) => e.to.includes(to)).length, { timeout: 20_000 })
    .toBe(1);
  // Its job is done (the row marked sent): neither worker will send it again.
  const sql = database();
  try {
    await expect
      .poll(async () => (await sql`select status from email_outbox where to_address = ${to}`)[0]?.status)
      .toBe("sent");
  } finally {
    await sql.end();
  }
  expect((await fetchStandInEmails(standIn)).filter((e) => e.to.includes(to))).toHaveLength(1);
});

test("a notification written through one instance is on the person's notifications page on the other", async ({
  page,
  browser,
}) => {
  // The reader: the Cardiology nurses' group admin, on the second instance.
  await signIn(page, "group@helix.example");
  await page.goto(`${second}/dashboard/notifications`);
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const title = `Across instances ${Date.now()}`;
  await expect(page.getByText(title)).toHaveCount(0);
  const sql = database();
  let cardiology: string;
  try {
    cardiology = (await sql`select id from nodes where name = 'Cardiology nurses'`)[0]!.id as string;
  } finally {
    await sql.end();
  }
  // The owner, on the first, gives a new item to that group: its admins are notified.
  const owner = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const giving = await owner.newPage();
    await signIn(giving, "owner@helix.example");
    const created = await giving.request.post("/api/trpc/content.create", {
      data: { json: { title, summary: "", body: { kind: "product", text: "A device." } } },
    });
    expect(created.status()).toBe(200);
    const { itemId } = ((await created.json()) as { result: { data: { json: { itemId: string } } } }).result.data.json;
    const given = await giving.request.post("/api/trpc/content.assign", {
      data: { json: { itemId, nodeId: cardiology } },
    });
    expect(given.status()).toBe(200);
  } finally {
    await owner.close();
  }
  await page.reload();
  await expect(page.getByText(`${title} was given to Cardiology nurses`)).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications \(\d+\)$/ }),
  ).toBeVisible();
});
