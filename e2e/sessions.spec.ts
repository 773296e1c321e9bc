import { expect, test, type Browser, type Page } from "@playwright/test";
import { activeUser, database, demoPassword, failSignIn, signIn } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

// Each change below must end the user's existing session on its very next HTTP request.

async function signedInUser(page: Page, name: string): Promise<string> {
  const email = `${name}.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Sam", lastName: name });
  await signIn(page, email);
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(200);
  return email;
}

async function expectSignedOut(page: Page) {
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(401);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login$/);
}

async function otherBrowser(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a lock caused by a stranger's failed logins does not end the session, nor lock the person out of their own browser", async ({
  page,
  browser,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = await signedInUser(page, "lock");
  const attacker = await otherBrowser(browser);
  for (let i = 0; i < 5; i++) await failSignIn(attacker, email, `wrong ${i}`);
  const sql = database();
  try {
    expect((await sql`select locked_until from users where email = ${email}`)[0]!.locked_until).not.toBeNull();
  } finally {
    await sql.end();
  }
  // Still signed in where they were.
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(200);
  // Signing out and in again from their own browser (its device cookie) still works; the stranger stays locked out.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/portal/);
  await failSignIn(attacker, email, demoPassword);
});

test("signing out ends the session on the server: a copy of the cookie taken before is refused after", async ({
  page,
  browser,
}) => {
  await signedInUser(page, "copier");
  const stolen = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  const thief = await browser.newContext();
  await thief.addCookies(stolen);
  expect((await thief.request.get("/api/trpc/me.get")).status()).toBe(401);
});

test("suspension ends the session for good: reactivation does not revive the old cookie", async ({ page, browser }) => {
  const email = await signedInUser(page, "suspendee");
  const cookies = await page.context().cookies();
  const admin = await otherBrowser(browser);
  await signIn(admin, "owner@helix.example");
  const sql = database();
  const [{ id }] = (await sql`select id from users where email = ${email}`) as unknown as [{ id: string }];
  await sql.end();
  for (const suspended of [true, false]) {
    expect(
      (
        await admin.request.post("/api/trpc/users.setSuspended", { data: { json: { userId: id, suspended } } })
      ).status(),
    ).toBe(200);
  }
  const again = await browser.newContext();
  await again.addCookies(cookies);
  expect((await again.request.get("/api/trpc/me.get")).status()).toBe(401);
  await expectSignedOut(page);
});

test("a session ends after its idle limit, and at its absolute limit however often the client polls", async ({
  page,
  browser,
}) => {
  const email = await signedInUser(page, "idler");
  const sql = database();
  try {
    await sql`update user_sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where email = ${email})`;
    await expectSignedOut(page);
    const other = await otherBrowser(browser);
    await signIn(other, email);
    // Polling keeps it from idling, but never past 8 hours from sign-in.
    expect((await other.request.get("/api/auth/session")).status()).toBe(200);
    await sql`update user_sessions set created_at = now() - interval '8 hours 1 minute' where user_id = (select id from users where email = ${email}) and ended_at is null`;
    const polled = await (await other.request.get("/api/auth/session")).json();
    expect(polled).toBeNull();
    expect((await other.request.get("/api/trpc/me.get")).status()).toBe(401);
  } finally {
    await sql.end();
  }
});

test("the Security page lists one's sessions and signs out everywhere else; an admin signs a person out of every device", async ({
  page,
  browser,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = await signedInUser(page, "lister");
  const laptop = await otherBrowser(browser);
  await signIn(laptop, email);
  await page.goto("/portal/security");
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await expect(page.getByTestId("session-row").filter({ hasText: "This device" })).toHaveCount(1);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Signed out of 1 other session" })).toBeVisible();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  expect((await laptop.request.get("/api/trpc/me.get")).status()).toBe(401);

  const admin = await otherBrowser(browser);
  await signIn(admin, "owner@helix.example");
  const sql = database();
  const [{ id }] = (await sql`select id from users where email = ${email}`) as unknown as [{ id: string }];
  await sql.end();
  await admin.goto(`/dashboard/users/${id}`);
  await admin.getByRole("button", { name: "Sign out of every device" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Signed out of 1 session" })).toBeVisible();
  await expectSignedOut(page);
});

test("deleting the user ends the session", async ({ page }) => {
  const email = await signedInUser(page, "deleted");
  const sql = database();
  try {
    await sql`delete from users where email = ${email}`;
  } finally {
    await sql.end();
  }
  await expectSignedOut(page);
});

test("changing the password in another browser ends this session and keeps that one", async ({ page, browser }) => {
  const email = await signedInUser(page, "changer");
  const other = await otherBrowser(browser);
  await signIn(other, email);
  await other.goto("/portal/security");
  await other.getByLabel("Current password").fill(demoPassword);
  await other.getByLabel("New password").fill("silver otter crossing the bay");
  await other.getByLabel("The same password again").fill("silver otter crossing the bay");
  await other.getByRole("button", { name: "Change password" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
  await expectSignedOut(page);
  expect((await other.request.get("/api/trpc/me.get")).status()).toBe(200);
});

test("a password reset ends the session", async ({ page, browser }) => {
  const email = await signedInUser(page, "resetter");
  const other = await otherBrowser(browser);
  await other.goto("/forgot-password");
  await other.getByLabel("Email").fill(email);
  await other.getByRole("button", { name: "Email me a link" }).click();
  await expect(other.getByRole("status")).toBeVisible();
  let link: string | undefined;
  await expect
    .poll(
      async () =>
        (link = (await fetchStandInEmails(process.env.RESEND_BASE_URL!))
          .find((m) => m.to.includes(email))
          ?.text?.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0]),
      { timeout: 20_000 },
    )
    .toBeTruthy();
  await other.goto(new URL(link!).pathname);
  await other.getByLabel("New password").fill("velvet compass under winter stars");
  await other.getByLabel("The same password again").fill("velvet compass under winter stars");
  await other.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(other).toHaveURL(/\/portal/);
  await expectSignedOut(page);
});
