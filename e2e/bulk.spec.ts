import { expect, test } from "@playwright/test";
import { database, placeUserInGroup, signIn } from "./support/fixtures";

test("an owner selects users, suspends them all with one confirmation, then deletes them after typing the count", async ({
  page,
}) => {
  const tag = `bulk${Date.now()}`;
  for (const n of [1, 2, 3])
    await placeUserInGroup({ email: `${tag}-${n}@royaldevon.example`, firstName: "Bulk", lastName: `Person ${n}` });

  await signIn(page, "owner@helix.example");
  await page.getByLabel("Search name or email").fill(tag);
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(3);
  await page.getByLabel("Select all users on this page").check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("3 selected");
  await bar.getByRole("button", { name: "Suspend", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Suspend 3 users" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 users suspended." })).toBeVisible();
  await expect(rows.getByText("Suspended")).toHaveCount(3);

  await page.getByLabel("Select all users on this page").check();
  await bar.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog").getByRole("button", { name: "Delete 3 users" });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/Type delete 3 to confirm/).fill("delete 3");
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: "3 users deleted." })).toBeVisible();
  await expect(rows).toHaveCount(0);

  const check = database();
  try {
    expect(await check`select 1 from users where email like ${`${tag}-%`}`).toHaveLength(0);
    expect(
      await check`select action from audit_log where before->>'email' like ${`${tag}-%`} order by id`,
    ).toHaveLength(6);
  } finally {
    await check.end();
  }
});
