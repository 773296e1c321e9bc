import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { activeUser, database, demoPassword, failSignIn, signIn, signOut } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

/** Waits for an email to `address` whose text matches, and returns the path of its first link to this app. */
async function linkInEmail(address: string, matching: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find(
          (m) => m.to.includes(address) && matching.test(m.text ?? ""),
        );
        link = mail?.text?.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0];
        return link;
      },
      { timeout: 20_000 },
    )
    .toBeTruthy();
  return new URL(link!).pathname;
}

test("five wrong passwords lock the account; the right one is then refused alike; the lock email's link sets a new password and signs in", async ({
  page,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = `locked.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Lena", lastName: "Locked" });
  await page.goto("/login");
  for (let i = 0; i < 5; i++) await failSignIn(page, email, `guess number ${i}`);
  // Locked: the right password gets the very same answer.
  await failSignIn(page, email, demoPassword);

  await page.goto(await linkInEmail(email, /was locked after 5 failed sign-in attempts/));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("copper lantern over quiet fjords");
  await page.getByLabel("The same password again").fill("copper lantern over quiet fjords");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);
  await signOut(page);

  // The owner was told, and the notification leads to the user.
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: /Notifications/ }).click();
  const notice = page.getByTestId("notification").filter({ hasText: "Lena Locked's account locked itself" });
  await expect(notice).toContainText("5 failed sign-ins");
  await notice.getByRole("link", { name: "Open the user" }).click();
  await expect(page.getByRole("heading", { name: "Lena Locked" })).toBeVisible();
});

test("forgot password: the same answer for an unknown address; the link sets a new password once", async ({ page }) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = `forgetful.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Frida", lastName: "Forgetful" });
  for (const address of [`nobody.${Date.now()}@royaldevon.example`, email]) {
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // The sign-in form has an Email field too: wait until the new page has replaced it.
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect(page.getByRole("status")).toContainText(`If an account uses ${address}, we have sent it a link`);
  }
  const path = await linkInEmail(email, /asked to reset the password/);
  await page.goto(path);
  await page.getByLabel("New password").fill("marble heron beneath autumn rain");
  await page.getByLabel("The same password again").fill("marble heron beneath autumn rain");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);
  await signOut(page);
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("two-step verification: set up from Security with the QR code's key, then the sign-in asks for the code", async ({
  page,
}) => {
  const email = `twostep.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Tora", lastName: "Twostep" });
  await signIn(page, email);
  await page.getByRole("link", { name: "Security" }).click();
  // The session alone does not enrol: the password again, and a wrong one is told so.
  await page.getByLabel("Your password, to confirm it is you").fill("not my password at all");
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "password" })).toHaveText("That password is not right.");
  await page.getByLabel("Your password, to confirm it is you").fill(demoPassword);
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = Secret.fromBase32((await page.getByTestId("totp-secret").textContent())!.trim());
  await page.getByLabel("2. Enter the 6-digit code the app shows").fill(TOTP.generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "I have saved them" }).click();
  await expect(
    page.getByText("Sign-in asks for a code from your authenticator app. 10 of 10 recovery codes left."),
  ).toBeVisible();
  await signOut(page);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code did not work." })).toBeVisible();
  // The next time step's code, as the app shows it a moment later (the one used to enrol is spent).
  await page.getByLabel("Authentication code").fill(TOTP.generate({ secret, timestamp: Date.now() + 30_000 }));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);
});

test("an admin turns off the two-step verification of a person who lost their phone: signed out everywhere, emailed", async ({
  page,
  browser,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = `lost.phone.${Date.now()}@royaldevon.example`;
  const userId = await activeUser({ email, firstName: "Lou", lastName: "Phone" });
  const person = await (await browser.newContext()).newPage();
  await signIn(person, email);
  const sql = database();
  try {
    await sql`update users set two_factor_enabled = true, totp_secret = 'sealed' where id = ${userId}`;
  } finally {
    await sql.end();
  }
  await signIn(page, "owner@helix.example");
  await page.goto(`/dashboard/users/${userId}`);
  await page.getByRole("button", { name: "Turn off two-step verification" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("They are signed out everywhere and emailed");
  await dialog.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("button", { name: "Turn off two-step verification" })).toHaveCount(0);
  expect((await person.request.get("/api/trpc/me.get")).status()).toBe(401);
  await expect
    .poll(
      async () =>
        (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).some(
          (m) => m.to.includes(email) && /two-step verification was turned off/.test(m.subject),
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
});
