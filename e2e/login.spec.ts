import { expect, test } from "@playwright/test";
import { database, signIn, signOut } from "./support/fixtures";

const roles = [
  { email: "owner@helix.example", role: "Owner admin", lands: /\/dashboard\/users$/ },
  { email: "market@helix.example", role: "Market admin", lands: /\/dashboard\/users$/ },
  { email: "customer@helix.example", role: "Customer admin", lands: /\/dashboard\/users$/ },
  { email: "group@helix.example", role: "Group admin", lands: /\/dashboard\/users$/ },
  { email: "user@helix.example", role: "Product user", lands: /\/portal$/ },
];

for (const { email, role, lands } of roles) {
  test(`${role} signs in, sees their role under the avatar, and signs out`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(lands);
    await expect(page.getByTestId("primary-role")).toHaveText(role);
    await signOut(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login$/);
  });
}

test("a product user who opens the dashboard is sent to the portal", async ({ page }) => {
  await signIn(page, "user@helix.example");
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto("/dashboard/users");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "My training", exact: true })).toBeVisible();
});

test("every failed sign-in gets the same message, whether or not the email has an account", async ({ page }) => {
  const attempts: [string, string][] = [
    ["owner@helix.example", "wrong password"],
    ["nobody@nowhere.example", "wrong password"],
    ["erik.strand@stolav.example", "a wrong guess"], // suspended, but the password is wrong
  ];
  const messages: string[] = [];
  for (const [email, password] of attempts) {
    await signIn(page, email, password, { expectFailure: true });
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
    await expect(page).toHaveURL(/\/login/);
  }
  expect(new Set(messages).size).toBe(1);
  expect(messages[0]).toContain("did not work");
});

test("the users page lists only the users in the admin's scope, with their status labels", async ({ page }) => {
  await signIn(page, "customer@helix.example");
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(6);
  await expect(page.getByText("laura.garcia@clinic.example")).toHaveCount(0);
  const ola = rows.filter({ hasText: "ola.nordmann@stolav.example" });
  await expect(ola.getByText("Not invited")).toBeVisible();
  await expect(rows.filter({ hasText: "kari.dahl@stolav.example" }).getByText("Invited")).toBeVisible();
  await expect(rows.filter({ hasText: "erik.strand@stolav.example" }).getByText("Suspended")).toBeVisible();
  await expect(ola.getByText("Not invited")).toHaveClass(/bg-orange-100/);
});

test("a session ends on the next request once the user is suspended", async ({ page }) => {
  const sql = database();
  try {
    await signIn(page, "tom.hughes@royaldevon.example");
    await expect(page).toHaveURL(/\/portal$/);
    await sql`update users set suspended_at = now() where email = 'tom.hughes@royaldevon.example'`;
    await page.reload();
    await expect(page).toHaveURL(/\/login$/);
    const api = await page.request.get("/api/trpc/me.get");
    expect(api.status()).toBe(401);
  } finally {
    await sql`update users set suspended_at = null where email = 'tom.hughes@royaldevon.example'`;
    await sql.end();
  }
});

test("a suspended person with the right password is told the account is suspended, not that the password is wrong", async ({
  page,
}) => {
  await signIn(page, "erik.strand@stolav.example", "Demo-password-2026", { expectFailure: true });
  // The demo's owner shares the hospital's administrators with suspended people (Settings).
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toContainText(
    "Your password is right, but your account is suspended, so you cannot sign in. These administrators of your hospital can tell you why and reactivate it:",
  );
  await expect(alert.getByRole("list", { name: "Your hospital's administrators" })).toHaveText(
    "Camilla Haugen, customer@helix.example",
  );
  await expect(alert.getByRole("link", { name: "customer@helix.example" })).toHaveAttribute(
    "href",
    "mailto:customer@helix.example",
  );
  await expect(page).toHaveURL(/\/login/);
});
