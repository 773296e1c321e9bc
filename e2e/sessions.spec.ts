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

test("a lock after failed logins elsewhere ends the session", async ({ page, browser }) => {
  const email = await signedInUser(page, "lock");
  const attacker = await otherBrowser(browser);
  for (let i = 0; i < 5; i++) await failSignIn(attacker, email, `wrong ${i}`);
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
    .poll(async () => (link = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find((m) => m.to.includes(email))?.text?.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0]), { timeout: 20_000 })
    .toBeTruthy();
  await other.goto(new URL(link!).pathname);
  await other.getByLabel("New password").fill("velvet compass under winter stars");
  await other.getByLabel("The same password again").fill("velvet compass under winter stars");
  await other.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(other).toHaveURL(/\/portal/);
  await expectSignedOut(page);
});
