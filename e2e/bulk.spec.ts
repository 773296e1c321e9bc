import { expect, test } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

test("an owner selects users, suspends them all with one confirmation, then deletes them after typing the count", async ({ page }) => {
  const tag = `bulk${Date.now()}`;
  const sql = database();
  try {
    const [group] = await sql`select id, path from nodes where name = 'Endoscopy unit'`;
    const ancestors = String(group!.path).split("/").filter(Boolean).slice(1); // the owner has no scope rows
    for (const n of [1, 2, 3]) {
      const [user] = await sql`insert into users (email, first_name, last_name) values (${`${tag}-${n}@royaldevon.example`}, 'Bulk', ${`Person ${n}`}) returning id`;
      await sql`insert into memberships (user_id, node_id) values (${user!.id}, ${group!.id})`;
      for (const nodeId of ancestors) await sql`insert into user_scopes (node_id, user_id) values (${nodeId}, ${user!.id})`;
    }
  } finally {
    await sql.end();
  }

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
    expect(await check`select action from audit_log where before->>'email' like ${`${tag}-%`} order by id`).toHaveLength(6);
  } finally {
    await check.end();
  }
});
