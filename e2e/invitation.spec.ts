import { expect, test } from "@playwright/test";
import { database, placeUserInGroup, signIn, signOut } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

test("an owner invites a user; the email reaches the stand-in, the user is Invited, sets a password through the link and lands in the portal as Active", async ({
  page,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const tag = `invite${Date.now()}`;
  const email = `${tag}@royaldevon.example`;
  const userId = await placeUserInGroup({ email, firstName: "Ines", lastName: "Invitee" });

  await signIn(page, "owner@helix.example");
  await page.goto(`/dashboard/users/${userId}`);
  // The button is in the first HTML: wait until the page is hydrated, or the click does nothing.
  await page.waitForLoadState("networkidle");
  const panel = page.getByRole("region", { name: "Invitation" });
  await panel.getByRole("button", { name: "Send invitation" }).click();
  // The worker hands the email to the (stand-in) provider; the history and the status follow.
  // Then Resend's webhook (the stand-in posts it back) reports the delivery.
  await expect(panel.getByTestId("invitation-row")).toContainText(/Accepted by the provider|Delivered/, {
    timeout: 20_000,
  });
  await page.reload();
  await expect(page.locator("header").getByText("Invited")).toBeVisible();
  const link = await page.getByLabel(/Registration link/).inputValue();

  const mail = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find((m) => m.to.includes(email));
  expect(mail?.text).toContain(link);

  await signOut(page);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Welcome, Ines" })).toBeVisible();
  await page.getByLabel("New password").fill("password1234");
  await expect(page.getByText("This is similar to a commonly used password.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set password and sign in" })).toBeDisabled();
  await page.getByLabel("New password").fill("violet kettle under nine lanterns");
  await page.getByLabel("The same password again").fill("violet kettle under nine lanterns");
  await expect(page.getByText("Good: this password meets the policy.")).toBeVisible();
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);

  await signOut(page);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "This invitation link no longer works" })).toBeVisible();

  const check = database();
  try {
    const [row] = await check`select status from users where id = ${userId}`;
    expect(row?.status).toBe("active");
  } finally {
    await check.end();
  }
});

test("an invitation that bounces is shown as bounced, from Resend's signed webhook through the worker to the table", async ({
  page,
}) => {
  const email = `bounce.${Date.now()}@royaldevon.example`;
  await placeUserInGroup({ email, firstName: "Bo", lastName: "Unce" });
  await signIn(page, "owner@helix.example");
  await page.getByLabel("Search name or email").fill(email);
  await page.getByLabel("Select Bo Unce").check();
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Invite", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Invite 1 user" }).click();
  // The table watches the statuses change as the worker, then the webhook, report back.
  const row = page.getByTestId("user-row").filter({ hasText: email });
  await expect(row.getByText("Invitation bounced")).toBeVisible({ timeout: 20_000 });
  await row.getByRole("link", { name: "Bo Unce" }).click();
  await expect(page.getByRole("region", { name: "Invitation" }).getByTestId("invitation-row")).toContainText("Bounced");
});
