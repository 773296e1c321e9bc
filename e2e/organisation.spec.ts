import { expect, test } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

test("a market admin adds a customer with its custom fields and a group, breadcrumbs lead back, then archives and deletes the group", async ({
  page,
}) => {
  test.setTimeout(60_000); // a long journey: eleven pages and forms
  const customer = `Karolinska ${Date.now()}`;
  await signIn(page, "market@helix.example");
  await page.getByRole("link", { name: "Organisation" }).click();
  await page.getByRole("link", { name: "Nordics", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Nordics" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add market" })).toHaveCount(0);

  await page.getByRole("button", { name: "Add customer" }).click();
  await page.getByLabel("Name").fill(customer);
  await page.getByLabel("Beds").fill("1600");
  await page.getByLabel("Tier").selectOption("Silver");
  await page.getByRole("button", { name: "Add customer" }).last().click();
  await expect(page.getByRole("heading", { name: customer })).toBeVisible();
  const facts = page.getByRole("region", { name: "Profile" });
  await expect(facts).toContainText("1,600");
  await expect(facts).toContainText("Silver");

  await page.getByRole("button", { name: "Add user group" }).click();
  await page.getByLabel("Name").fill("Radiology");
  await page.getByRole("button", { name: "Add user group" }).last().click();
  await expect(page.getByRole("heading", { name: "Radiology" })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toHaveText(/Organisation\s*›\s*Nordics\s*›\s*Karolinska .*›\s*Radiology/);

  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Archived", { exact: true })).toBeVisible();
  await crumbs.getByRole("link", { name: customer }).click();
  await expect(page.getByRole("link", { name: "Radiology" })).toHaveCount(0);
  await page.getByLabel("Show archived").check();
  await page.getByRole("link", { name: "Radiology" }).click();
  await page.getByLabel(/Type .* to confirm/).fill("Radiology");
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page.getByRole("heading", { name: customer })).toBeVisible();

  const sql = database();
  try {
    const rows = await sql`select custom_fields from nodes where name = ${customer}`;
    expect(rows[0]?.custom_fields).toMatchObject({ beds: 1600, tier: "Silver" });
    expect(
      await sql`select action from audit_log where target_type = 'node' and after->>'name' = 'Radiology' or before->>'name' = 'Radiology' order by id`,
    ).toEqual([{ action: "node.created" }, { action: "node.archived" }, { action: "node.deleted" }]);
  } finally {
    await sql.end();
  }
});

test("a customer admin creates a group, adds a user to it and makes them its group admin; the role shows on the user page", async ({
  page,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const group = `Midwives ${Date.now()}`;
  await signIn(page, "customer@helix.example");
  await page.getByRole("link", { name: "Organisation" }).click();
  await page.getByRole("link", { name: "St Olav University Hospital", exact: true }).click();
  await page.getByRole("button", { name: "Add user group" }).click();
  await page.getByLabel("Name").fill(group);
  await page.getByRole("button", { name: "Add user group" }).last().click();
  await expect(page.getByRole("heading", { name: group })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("link", { name: "Kari Dahl" }).click();
  const panel = page.getByRole("region", { name: "Groups and roles" });
  await panel.getByRole("button", { name: "Add to a group" }).click();
  await panel.getByLabel("Find a user group").fill("midwives");
  await panel.getByRole("radio", { name: new RegExp(group) }).check();
  await panel.getByRole("button", { name: "Add to group" }).click();
  await expect(panel.getByText(`St Olav University Hospital › ${group}`)).toBeVisible();

  await panel.getByRole("button", { name: "Grant a role" }).click();
  await expect(panel.getByLabel("Role").locator("option")).toHaveText(["Group admin", "Customer admin"]);
  await panel.getByLabel("Find a user group").fill("midwives");
  await panel.getByRole("radio", { name: new RegExp(group) }).check();
  await panel.getByRole("button", { name: "Grant role" }).click();
  await expect(panel.getByText(`Group admin at Nordics › St Olav University Hospital › ${group}`)).toBeVisible();
  await expect(page.locator("header").getByText("Group admin")).toBeVisible();

  await panel.getByRole("button", { name: `Revoke Group admin at ${group}` }).click();
  await expect(panel.getByText("Product user (no admin role).")).toBeVisible();
  await panel.getByRole("button", { name: `Remove from ${group}` }).click();
  await expect(panel.getByText(`St Olav University Hospital › ${group}`)).toHaveCount(0);
});

test("a market admin cannot be put in a customer's group: the page says why", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Magnus Berg" }).click();
  const panel = page.getByRole("region", { name: "Groups and roles" });
  await panel.getByRole("button", { name: "Add to a group" }).click();
  await panel.getByLabel("Find a user group").fill("OR tech");
  await panel.getByRole("radio", { name: /OR technicians/ }).check();
  await panel.getByRole("button", { name: "Add to group" }).click();
  await expect(panel.getByRole("alert")).toContainText("A market admin cannot be placed in a customer");
});

test("a group's page shows its members; a customer admin adds someone there and removes them again", async ({
  page,
}) => {
  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/organisation");
  await page.getByRole("link", { name: "St Olav University Hospital", exact: true }).click();
  await page.getByRole("link", { name: "OR technicians", exact: true }).click();
  await expect(page.getByRole("heading", { name: "OR technicians" })).toBeVisible();
  const members = page.getByRole("region", { name: "Members" });
  await expect(members.getByRole("list", { name: "Members of OR technicians" })).toContainText("Ola Nordmann");
  await expect(page.getByText("Nothing below")).toHaveCount(0);

  await members.getByLabel(/Find a person/).fill("ingrid");
  await members.getByRole("button", { name: /^Ingrid Nilsen/ }).click();
  await members.getByRole("button", { name: "Add to the group" }).click();
  await expect(members.getByRole("list", { name: "Members of OR technicians" })).toContainText("Ingrid Nilsen");
  await members.getByRole("button", { name: "Remove Ingrid Nilsen from OR technicians" }).click();
  await expect(members.getByRole("list", { name: "Members of OR technicians" })).not.toContainText("Ingrid Nilsen");
});
