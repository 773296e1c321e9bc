import { expect, test } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

test("an owner checks a CSV file, sees each bad row's error, then imports the good rows with a progress bar", async ({
  page,
}) => {
  const tag = `csv${Date.now()}`;
  const csv = [
    "Email,First name,Last name,Position,Group",
    `${tag}-a@royaldevon.example,Alice,Import,Nurse,Endoscopy unit`,
    `${tag}-b@royaldevon.example,Bob,Import,,`,
    "not-an-email,Carl,Import,,Endoscopy unit",
    `${tag}-a@royaldevon.example,Alice,Twice,,Endoscopy unit`,
  ].join("\n");
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "devon.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Find a user group").fill("endoscopy");
  await page.getByRole("radio", { name: /Endoscopy unit/ }).check();
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page.getByRole("status").filter({ hasText: "ready to import" })).toContainText("2 of 4 rows");
  const errors = page.getByTestId("import-error-row");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText("The email is not a valid address.");
  await expect(errors.nth(1)).toContainText("The same email address is on line 2.");

  await page.getByRole("button", { name: "Import 2 users" }).click();
  // The workers import it; the page shows how it went, each skipped line with the reason.
  const outcome = page.getByRole("status").filter({ hasText: "imported" });
  await expect(outcome).toContainText("2 rows imported. 2 could not be:");
  await expect(outcome).toContainText("The email is not a valid address.");

  const sql = database();
  try {
    const rows =
      await sql`select u.email, u.status, n.name as group_name from users u join memberships m on m.user_id = u.id join nodes n on n.id = m.node_id where u.email like ${`${tag}-%`} order by u.email`;
    expect(rows.map((r) => [r.email, r.status, r.group_name])).toEqual([
      [`${tag}-a@royaldevon.example`, "not_invited", "Endoscopy unit"],
      [`${tag}-b@royaldevon.example`, "not_invited", "Endoscopy unit"],
    ]);
  } finally {
    await sql.end();
  }
});
