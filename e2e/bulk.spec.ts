import { expect, test } from "@playwright/test";
import { database, placeUserInGroup, signIn } from "./support/fixtures";

test("an owner selects users, suspends them all with one confirmation, then deletes them after typing the count", async ({
  page,
}) => {
  const tag = `bulk${Date.now()}`;
  const ids: string[] = [];
  for (const n of [1, 2, 3])
    ids.push(
      await placeUserInGroup({ email: `${tag}-${n}@royaldevon.example`, firstName: "Bulk", lastName: `Person ${n}` }),
    );

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
    // Each suspension and deletion is in the audit log, under the person's id, and their address is
    // erased from it by the worker.
    expect(
      await check`select action from audit_log where action in ('user.suspended', 'user.deleted')
        and target_id = any(${ids}) order by id`,
    ).toHaveLength(6);
    await expect
      .poll(
        async () =>
          (
            await check`select 1 from audit_log where coalesce(before::text, '') || coalesce(after::text, '') like ${`%${tag}-%`}`
          ).length,
      )
      .toBe(0);
  } finally {
    await check.end();
  }
});

test("a bulk invitation carries on after its page is closed: every selected user is invited once", async ({
  browser,
}) => {
  const tag = `closed${Date.now()}`;
  const count = 12;
  for (let n = 1; n <= count; n++)
    await placeUserInGroup({ email: `${tag}-${n}@royaldevon.example`, firstName: "Closed", lastName: `Tab ${n}` });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "owner@helix.example");
  await page.getByLabel("Search name or email").fill(tag);
  await expect(page.getByTestId("user-row")).toHaveCount(count);
  await page.getByLabel("Select all users on this page").check();
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Invite", exact: true }).click();
  const confirm = page.getByRole("alertdialog").getByRole("button", { name: `Invite ${count} users` });
  // The answer comes once the operation is recorded; the tab is closed at once.
  const answered = page.waitForResponse((response) => response.url().includes("users.bulk") && response.ok());
  await confirm.click();
  await answered;
  await context.close();

  const check = database();
  try {
    await expect
      .poll(
        async () =>
          (
            await check`select count(*)::int as n from invitations i join users u on u.id = i.user_id where u.email like ${`${tag}-%`}`
          )[0]!.n,
        { timeout: 30_000 },
      )
      .toBe(count);
    // The operation is marked finished just after its last chunk commits.
    await expect
      .poll(
        async () =>
          (
            await check`select o.finished_at is not null as finished, count(*) filter (where i.status = 'done')::int as done from bulk_operations o join bulk_operation_items i on i.operation_id = o.id where i.label like 'Closed Tab %' and o.kind = 'invite' group by o.id order by o.created_at desc limit 1`
          )[0],
        { timeout: 30_000 },
      )
      .toEqual({ finished: true, done: count });
  } finally {
    await check.end();
  }
});

test("another admin's page shows a running bulk action, and they can stop the rest", async ({ page }) => {
  // A running operation of the St Olav customer admin, its chunks not yet taken by a worker.
  const check = database();
  const label = `Waiting person ${Date.now()}`;
  let operationId: string;
  try {
    const [customer] = await check`select id from users where email = 'customer@helix.example'`;
    const [stOlav] = await check`select id from nodes where name = 'St Olav University Hospital'`;
    const [operation] = await check`
      insert into bulk_operations (kind, started_by, started_by_name, node_id, request_key, total)
      values ('suspend', ${customer!.id}, 'Camilla Haugen', ${stOlav!.id}, ${`e2e-${Date.now()}`}, 3)
      returning id`;
    operationId = operation!.id as string;
    for (const position of [1, 2, 3])
      await check`insert into bulk_operation_items (operation_id, position, target_id, label)
        values (${operationId}, ${position}, gen_random_uuid(), ${`${label} ${position}`})`;
  } finally {
    await check.end();
  }

  // The Nordics market admin, above St Olav, sees it on their users page.
  await signIn(page, "market@helix.example");
  await page.goto("/dashboard/users");
  const running = page.getByTestId("bulk-operation").filter({ hasText: "started by Camilla Haugen" });
  await expect(running).toContainText("Suspending… 0 of 3 users");
  await running.getByRole("button", { name: "Stop the rest" }).click();
  await expect(page.getByRole("status").filter({ hasText: "started by Camilla Haugen" })).toContainText(
    "Stopped: 3 users left as they were.",
  );

  const after = database();
  try {
    expect(
      (await after`select status from bulk_operation_items where operation_id = ${operationId!}`).map((r) => r.status),
    ).toEqual(["cancelled", "cancelled", "cancelled"]);
    const [audit] =
      await after`select u.email from audit_log a join users u on u.id = a.actor_id where a.action = 'bulk.cancelled' and a.target_id = ${operationId!}`;
    expect(audit?.email).toBe("market@helix.example");
  } finally {
    await after.end();
  }
});
