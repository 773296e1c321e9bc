import { expect, test, type Page } from "@playwright/test";
import { activeUser, database, demoPassword, signIn, signOut } from "./support/fixtures";

/**
 * Signs a version: the statement confirmed, the password again. With `wrongFirst`, a wrong password
 * is refused first (once in the suite: it counts toward the owner's lockout like a failed sign-in).
 */
async function sign(page: Page, open: string, submit: string, wrongFirst = false) {
  await page.getByRole("button", { name: open }).click();
  const dialog = page.getByRole("dialog", { name: /Sign:/ });
  await dialog.getByRole("checkbox").check();
  if (wrongFirst) {
    await dialog.getByLabel("Your password").fill("not my password");
    await dialog.getByRole("button", { name: submit }).click();
    await expect(dialog.getByRole("alert")).toContainText("The version was not signed.");
  }
  await dialog.getByLabel("Your password").fill(demoPassword);
  await dialog.getByRole("button", { name: submit }).click();
  await expect(dialog).toBeHidden();
}

test("a product user in two groups sees exactly their union, completes a course to 100 %, and the admin's preview shows the same", async ({
  page,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  const email = `two.groups.${Date.now()}@stolav.example`;
  // In Royal Devon's Endoscopy unit (given three demo items) and in a new group at St Olav (nothing yet).
  const userId = await activeUser(
    { email, firstName: "Gro", lastName: `Groups${Date.now() % 10000}` },
    undefined,
    "Endoscopy unit",
  );
  // A group of its own at St Olav, so that no other journey's counts change.
  const groupName = `Night shift ${Date.now()}`;
  const sql = database();
  try {
    const [stOlav] = await sql`select id, path from nodes where name = 'St Olav University Hospital'`;
    const [group] =
      await sql`insert into nodes (kind, parent_id, path, name) values ('group', ${stOlav!.id}, '', ${groupName}) returning id`;
    const groupPath = `${String(stOlav!.path)}${String(group!.id)}/`;
    await sql`update nodes set path = ${groupPath} where id = ${group!.id}`;
    await sql`insert into memberships (user_id, node_id) values (${userId}, ${group!.id})`;
    for (const nodeId of groupPath.split("/").filter(Boolean).slice(1))
      await sql`insert into user_scopes (node_id, user_id) values (${nodeId}, ${userId}) on conflict do nothing`;
  } finally {
    await sql.end();
  }

  // The owner writes a course and gives it to St Olav; the customer admin passes it to the new group.
  const title = `Sterile field refresher ${Date.now()}`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByLabel("New").selectOption("course");
  await page.getByRole("button", { name: "Write it" }).click();
  // The editor's fields are React state: type once it has hydrated.
  await expect(page.getByRole("heading", { name: "New training: self-study course" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("group", { name: "Page 1" }).getByLabel("Page title").fill("Gowning");
  await page
    .getByRole("group", { name: "Page 1" })
    .getByLabel(/Page text/)
    .fill("Gown **before** gloving.");
  await page.getByRole("button", { name: "Add a page" }).click();
  await page.getByRole("group", { name: "Page 2" }).getByLabel("Page title").fill("Gloving");
  await page
    .getByRole("group", { name: "Page 2" })
    .getByLabel(/Page text/)
    .fill("Closed gloving technique.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await sign(page, "Approve version 1", "Sign and approve", true);
  await sign(page, "Publish version 1", "Sign and publish");
  const versions = page.getByRole("region", { name: "Versions" });
  await expect(versions).toContainText("Version 1, since");
  // Each signature shown with the signer's name, when, and what it meant.
  await expect(versions.getByRole("list", { name: "Signatures" })).toContainText(
    /Signed by Olivia Owens, .+ — meaning: Approved/,
  );
  await expect(versions.getByRole("list", { name: "Signatures" })).toContainText("meaning: Published");
  await page.getByLabel("Kind").selectOption({ label: "A customer" });
  await page.getByPlaceholder("Find a customer by name").fill("St Olav");
  await page.getByRole("radio", { name: /St Olav University Hospital/ }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Given.");
  await signOut(page);

  await signIn(page, "customer@helix.example");
  await page.getByRole("link", { name: "Content", exact: true }).click();
  await page.getByRole("link", { name: title }).click();
  await page.getByPlaceholder("Find a user group by name").fill(groupName);
  await page.getByRole("radio", { name: new RegExp(groupName) }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByTestId("assignments")).toContainText(groupName);
  await signOut(page);

  // The union: the demo content through the Endoscopy unit, the new course through the new group.
  await signIn(page, email);
  const items = page.getByTestId("portal-item");
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: title })).toContainText("Not started");
  await items.filter({ hasText: title }).getByRole("link").click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(page.getByText("50 % of 2 pages")).toBeVisible();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByText("Completed: 100 %")).toBeVisible();
  await page.getByRole("link", { name: "Back to my training" }).click();
  await expect(items.filter({ hasText: title })).toContainText("Completed");
  const mine = (await items.allInnerTexts()).sort();
  // The training record: the course, the version completed, marked current.
  await page.getByRole("link", { name: "Training record" }).click();
  await expect(page.getByTestId("training-row").filter({ hasText: title })).toContainText(/1\s*Current/);
  await page.goto("/portal");
  await signOut(page);

  // The customer admin's preview of this user shows the same.
  await signIn(page, "customer@helix.example");
  await page.goto(`/dashboard/users/${userId}/preview`);
  await expect(page.getByTestId("portal-item")).toHaveCount(4);
  expect((await page.getByTestId("portal-item").allInnerTexts()).sort()).toEqual(mine);
});

test("the owner uploads a document's file; a user who has it downloads it, one who does not gets nothing", async ({
  page,
}) => {
  const title = `Alarm card ${Date.now()}`;
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/content/new?kind=document");
  await expect(page.getByRole("heading", { name: "New document" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel(/^Text/).fill("The alarms, on one page.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.getByLabel("Upload a file").setInputFiles({
    name: "alarm-card.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\nalarm card body\n%%EOF"),
  });
  await expect(page.getByRole("link", { name: "alarm-card.pdf" })).toBeVisible();
  await sign(page, "Approve version 1", "Sign and approve");
  await sign(page, "Publish version 1", "Sign and publish");
  await page.getByLabel("Kind").selectOption({ label: "A user group" });
  await page.getByPlaceholder("Find a user group by name").fill("Cardiology");
  await page.getByRole("radio", { name: /Cardiology nurses/ }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByTestId("assignments")).toContainText("Cardiology nurses");
  const itemPath = new URL(page.url()).pathname;
  await signOut(page);

  await signIn(page, "user@helix.example");
  await page.getByRole("link", { name: title }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download alarm-card\.pdf/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("alarm-card.pdf");
  expect((await import("node:fs")).readFileSync((await download.path())!, "utf8")).toContain("alarm card body");
  await signOut(page);

  await signIn(page, "laura.garcia@clinic.example");
  const itemId = itemPath.split("/").pop();
  expect((await page.request.get(`/api/content/${itemId}/file`)).status()).toBe(404);
  expect((await page.request.get(`/api/content/${itemId}/file?version=draft`)).status()).toBe(404);
});
