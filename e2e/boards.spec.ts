import { expect, test, type Page } from "@playwright/test";
import { database, signIn, signOut } from "./support/fixtures";

// A 1×1 PNG, as a phone's photo would arrive.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

async function openDemoThread(page: Page) {
  await page.goto("/portal/boards");
  await page.getByRole("link", { name: "St Olav nurses" }).click();
  await page.getByRole("link", { name: "Priming the P1 on night shifts" }).click();
  await expect(page.getByRole("heading", { name: "Priming the P1 on night shifts" })).toBeVisible();
  // Connected: what others post from now on arrives on its own.
  await expect(page.getByText("New posts appear as they are written.")).toBeVisible();
}

test("two people in one thread: a reply from one appears in the other's page without reloading; a mention reaches the bell", async ({
  page,
  browser,
}) => {
  test.slow();
  const stamp = Date.now();
  await signIn(page, "user@helix.example");
  await openDemoThread(page);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const second = await other.newPage();
    await signIn(second, "group@helix.example");
    await openDemoThread(second);
    const words = `We use the card too, @Ingrid Nilsen ${stamp}`;
    await second.getByLabel(/Your reply/).fill(words);
    await second.getByRole("button", { name: "Post the reply" }).click();
    await expect(second.getByRole("list", { name: "Posts" })).toContainText(`${stamp}`);
    // In the first browser, without a reload.
    await expect(page.getByRole("list", { name: "Posts" })).toContainText(`${stamp}`);
  } finally {
    await other.close();
  }
  // The mention in the first person's bell: where, never the words (a moderator may remove them).
  await page
    .getByRole("link", { name: /Notifications/ })
    .first()
    .click();
  await expect(
    page.getByRole("listitem").filter({ hasText: 'You were mentioned in "Priming the P1 on night shifts"' }).first(),
  ).toBeVisible();
  await expect(page.getByText(`${stamp}`)).toHaveCount(0);
});

test("a member starts a thread with Markdown (markup stays text); a moderator hides a post with a reason; members read the reason, not the words", async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now();
  // The Cardiology nurses' group admin posts as a member (the board belongs to the whole hospital,
  // which only its customer admin and those above moderate). No new person: others count St Olav's.
  await signIn(page, "group@helix.example");
  await page.goto("/portal/boards");
  await page.getByRole("link", { name: "St Olav nurses" }).click();
  await page.getByRole("button", { name: "Start a thread" }).click();
  await page.getByRole("button", { name: "Post the thread" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Give the thread a title.");
  const title = `Spare sets ${stamp}`;
  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel(/Your post/)
    .fill(`Who has **spare sets**? Call me on 555 0101 <img src=x onerror="window.pwned=1">`);
  await page.getByRole("button", { name: "Post the thread" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator("strong", { hasText: "spare sets" })).toBeVisible();
  // A photo on one's own post, shown in it.
  await page
    .getByTestId("post")
    .first()
    .getByLabel("Attach a file")
    .setInputFiles({ name: "spare-sets.png", mimeType: "image/png", buffer: png });
  const photo = page.getByRole("img", { name: "spare-sets.png" });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  // Over HTTP: an empty post, a body over the cap, another site's page.
  const sql = database();
  let boardId: string;
  try {
    boardId = (await sql`select id from boards where name = 'St Olav nurses'`)[0]!.id as string;
  } finally {
    await sql.end();
  }
  const post = (json: Record<string, unknown>, headers: Record<string, string> = {}) =>
    page.request.post("/api/trpc/boards.startThread", { data: { json }, headers });
  expect((await post({ boardId, title: "", body: "x" })).status()).toBe(400);
  expect((await post({ boardId, title: "x", body: "x".repeat(20_001) })).status()).toBe(400);
  expect((await post({ boardId, title: "x", body: "x" }, { origin: "https://evil.example" })).status()).toBe(403);
  await signOut(page);

  // The hospital's customer admin moderates the board: hides the post with a reason.
  await signIn(page, "customer@helix.example");
  await page.goto(`/portal/boards/${boardId}`);
  await page.getByRole("link", { name: title }).click();
  const first = page.getByTestId("post").first();
  await first.getByRole("button", { name: "Hide" }).click();
  await first.getByLabel(/Why hide it/).fill("A private phone number");
  await first.getByRole("button", { name: "Hide the post" }).click();
  await expect(first).toContainText("Hidden from members: A private phone number");
  await signOut(page);

  await signIn(page, "group@helix.example");
  await page.goto(`/portal/boards/${boardId}`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("post").first()).toContainText("Hidden by a moderator: A private phone number");
  await expect(page.getByText("555 0101")).toHaveCount(0);
});

test("a board does not exist for someone outside it, through the page and the API", async ({ page }) => {
  const sql = database();
  let boardId: string;
  try {
    boardId = (await sql`select id from boards where name = 'St Olav nurses'`)[0]!.id as string;
  } finally {
    await sql.end();
  }
  const threads = `/api/trpc/boards.threads?input=${encodeURIComponent(JSON.stringify({ json: { boardId, page: 1 } }))}`;
  expect((await page.request.get(threads)).status()).toBe(401);
  await signIn(page, "laura.garcia@clinic.example");
  expect((await page.request.get(threads)).status()).toBe(404);
  await page.goto(`/portal/boards/${boardId}`);
  await expect(page.getByText("St Olav nurses")).toHaveCount(0);
  await page.goto("/portal/boards");
  await expect(page.getByText("You are not on any board yet.")).toBeVisible();
});

test("a customer admin opens a board for the hospital, gives it to a group, and takes it back after confirming; its members see it come and go", async ({
  page,
}) => {
  test.slow();
  const name = `Cardiology corner ${Date.now()}`;
  await signIn(page, "customer@helix.example");
  await page.getByRole("link", { name: "Community", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Community boards" })).toBeVisible();
  // The form is React state: used once it has hydrated.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Open the board" }).click();
  await expect(page.getByText("Choose the customer the board belongs to.")).toBeVisible();
  await page.getByLabel("It belongs to").selectOption("customer");
  await page.getByRole("radio", { name: /St Olav University Hospital/ }).check();
  await page.getByRole("button", { name: "Open the board" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name the board." })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Open the board" }).click();
  await expect(page.getByRole("status")).toContainText(`“${name}” is open.`);
  const row = page.getByRole("listitem").filter({ hasText: name });
  await row.getByRole("button", { name: "Members and reports" }).click();
  await row.getByLabel("Give it to").selectOption({ label: "Cardiology nurses (group)" });
  await row.getByRole("button", { name: "Give", exact: true }).click();
  await expect(row.getByRole("listitem").filter({ hasText: "Cardiology nurses" })).toContainText("Take back");
  await signOut(page);

  await signIn(page, "user@helix.example");
  await page.goto("/portal/boards");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await signOut(page);

  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/boards");
  await page.waitForLoadState("networkidle");
  const again = page.getByRole("listitem").filter({ hasText: name });
  await again.getByRole("button", { name: "Members and reports" }).click();
  await again.getByRole("button", { name: "Take back" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Take the board back from Cardiology nurses?");
  await dialog.getByRole("button", { name: "Take it back" }).click();
  await expect(again.getByText("Nobody yet: give it below.")).toBeVisible();
  await signOut(page);

  await signIn(page, "user@helix.example");
  await page.goto("/portal/boards");
  await expect(page.getByRole("link", { name: "St Olav nurses" })).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("an image in a post's Markdown from another address is a link, never fetched by readers' browsers; the board's pages allow the app's own images only", async ({
  page,
}) => {
  const stamp = Date.now();
  const pixel = `${process.env.E2E_STAND_IN_URL}/pixel-${stamp}.gif`;
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes(`pixel-${stamp}`)) fetched.push(request.url());
  });
  await signIn(page, "group@helix.example");
  await page.goto("/portal/boards");
  await page.getByRole("link", { name: "St Olav nurses" }).click();
  await page.getByRole("button", { name: "Start a thread" }).click();
  const title = `Tracking ${stamp}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/Your post/).fill(`Look: ![pixel](${pixel})`);
  await page.getByRole("button", { name: "Post the thread" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const post = page.getByTestId("post").first();
  await expect(post.getByRole("link", { name: "Image: pixel" })).toHaveAttribute("href", pixel);
  await expect(post.locator("img")).toHaveCount(0);
  // The page as loaded directly: its policy allows no outside image at all.
  const response = await page.reload();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const policy = response!.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("img-src 'self' data: blob:;");
  expect(policy).not.toContain("https:");
  expect(fetched).toEqual([]);
});
