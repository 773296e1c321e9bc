import { expect, test } from "@playwright/test";
import { database, signIn, signOut } from "./support/fixtures";

test("with registration requests enabled in Settings, a newcomer asks for access from the sign-in page and is thanked", async ({ page }) => {
  const email = `newcomer.${Date.now()}@haukeland.example`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Enable registration requests").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await signOut(page);

  await page.goto("/login");
  await page.getByRole("link", { name: "Request access" }).click();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Enter your first name.")).toBeVisible();
  await page.getByLabel("First name").fill("Nina");
  await page.getByLabel("Last name").fill("Newcomer");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Hospital or facility").fill("Haukeland University Hospital");
  await page.getByLabel("Country").fill("Norway");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("your request has been received");

  const sql = database();
  try {
    const rows = await sql`select status, facility_name from registration_requests where email = ${email}`;
    expect(rows).toEqual([{ status: "pending", facility_name: "Haukeland University Hospital" }]);
  } finally {
    await sql.end();
  }
});
