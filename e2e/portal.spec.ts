import { expect, test } from "@playwright/test";
import { activeUser, database, signIn, signOut } from "./support/fixtures";

test("a product user in two groups sees exactly their union, completes a course to 100 %, and the admin's preview shows the same", async ({ page }) => {
  const email = `two.groups.${Date.now()}@stolav.example`;
  // In Cardiology nurses (given the demo content through Nordics and St Olav) and in OR technicians.
  const userId = await activeUser({ email, firstName: "Gro", lastName: `Groups${Date.now() % 10000}` }, undefined, "Cardiology nurses");
  const sql = database();
  try {
    const [orTechs] = await sql`select id from nodes where name = 'OR technicians'`;
    await sql`insert into memberships (user_id, node_id) values (${userId}, ${orTechs!.id})`;
  } finally {
    await sql.end();
  }

  // The owner writes a course and gives it to St Olav; the customer admin passes it to OR technicians.
  const title = `Sterile field refresher ${Date.now()}`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Content" }).click();
  await page.getByLabel("New").selectOption("course");
  await page.getByRole("button", { name: "Write it" }).click();
  // The editor's fields are React state: type once it has hydrated.
  await expect(page.getByRole("heading", { name: "New training: self-study course" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("group", { name: "Page 1" }).getByLabel("Page title").fill("Gowning");
  await page.getByRole("group", { name: "Page 1" }).getByLabel(/Page text/).fill("Gown **before** gloving.");
  await page.getByRole("button", { name: "Add a page" }).click();
  await page.getByRole("group", { name: "Page 2" }).getByLabel("Page title").fill("Gloving");
  await page.getByRole("group", { name: "Page 2" }).getByLabel(/Page text/).fill("Closed gloving technique.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.getByRole("button", { name: "Approve version 1" }).click();
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByRole("region", { name: "Versions" })).toContainText("Version 1, since");
  await page.getByLabel("Kind").selectOption({ label: "A customer" });
  await page.getByPlaceholder("Find a customer by name").fill("St Olav");
  await page.getByRole("radio", { name: /St Olav University Hospital/ }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Given.");
  await signOut(page);

  await signIn(page, "customer@helix.example");
  await page.getByRole("link", { name: "Content" }).click();
  await page.getByRole("link", { name: title }).click();
  await page.getByPlaceholder("Find a user group by name").fill("OR tech");
  await page.getByRole("radio", { name: /OR technicians/ }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByTestId("assignments")).toContainText("OR technicians");
  await signOut(page);

  // The union: the demo content through Cardiology nurses, the new course through OR technicians.
  await signIn(page, email);
  const items = page.getByTestId("portal-item");
  await expect(items).toHaveCount(5);
  await expect(items.filter({ hasText: title })).toContainText("Not started");
  await items.filter({ hasText: title }).getByRole("link").click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(page.getByText("50 % of 2 pages")).toBeVisible();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText("Completed: 100 %")).toBeVisible();
  await page.getByRole("link", { name: "Back to my training" }).click();
  await expect(items.filter({ hasText: title })).toContainText("Completed");
  const mine = (await items.allInnerTexts()).sort();
  await signOut(page);

  // The customer admin's preview of this user shows the same.
  await signIn(page, "customer@helix.example");
  await page.goto(`/dashboard/users/${userId}/preview`);
  await expect(page.getByTestId("portal-item")).toHaveCount(5);
  expect((await page.getByTestId("portal-item").allInnerTexts()).sort()).toEqual(mine);
});
