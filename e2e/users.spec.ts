import { expect, test } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

test("a customer admin opens a user, sees why they can see them, suspends and reactivates them", async ({ page }) => {
  await signIn(page, "customer@helix.example");
  await page.getByRole("link", { name: "Ola Nordmann" }).click();
  await expect(page.getByRole("heading", { name: "Ola Nordmann" })).toBeVisible();
  await expect(page.getByTestId("why")).toContainText("Customer admin at Nordics › St Olav University Hospital");
  await expect(page.getByTestId("why")).toContainText(
    "is a member of Nordics › St Olav University Hospital › OR technicians",
  );

  await page.getByRole("button", { name: "Suspend" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("They lose access at their next click");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(page.locator("header").getByText("Suspended")).toBeVisible();
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.locator("header").getByText("Suspended")).toHaveCount(0);

  await page.getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByTestId("audit-row").filter({ hasText: "ola.nordmann@stolav.example" });
  await expect(rows.filter({ hasText: "Reactivated" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Suspended" }).first()).toContainText("customer@helix.example");
});

test("an owner adds a user to two groups (a group is required, in words), then deletes them after typing their email", async ({
  page,
}) => {
  const email = `new.nurse.${Date.now()}@stolav.example`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "Add a user" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("First name").fill("Nora");
  await page.getByLabel("Last name").fill("Nurse");
  // Without a group, the form says so in words and adds nobody.
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose at least one user group" })).toBeVisible();
  // Two groups at once.
  await page.getByLabel("Find a user group").fill("cardio");
  await page.getByRole("checkbox", { name: /Cardiology nurses/ }).check();
  // (Not OR technicians: another test counts its members.)
  await page.getByLabel("Find a user group").fill("endo");
  await page.getByRole("checkbox", { name: /Endoscopy unit/ }).check();
  await expect(page.getByTestId("chosen-groups")).toHaveText("Joins Cardiology nurses, Endoscopy unit.");
  // Not invited yet: the invitation waits until an admin sends it from her page.
  await page.getByLabel("Send the invitation now").uncheck();
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByRole("heading", { name: "Nora Nurse" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove from Cardiology nurses" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove from Endoscopy unit" })).toBeVisible();
  await expect(page.locator("header").getByText("Not invited")).toBeVisible();
  const remove = page.getByRole("button", { name: "Delete permanently" });
  await expect(remove).toBeDisabled();
  await expect(page.getByText(/erases their personal data/)).toBeVisible();
  const userId = page.url().split("/").at(-1)!;
  await page.getByLabel(/Type .* to confirm/).fill(email);
  await remove.click();
  await expect(page).toHaveURL(/\/dashboard\/users$/);
  const sql = database();
  try {
    expect(await sql`select 1 from users where email = ${email}`).toHaveLength(0);
    // The worker erases their name and address from the audit trail; every entry stays, under their id.
    await expect
      .poll(
        async () => (await sql`select completed_at from audit_erasures where person_id = ${userId}`)[0]?.completed_at,
      )
      .toBeTruthy();
    expect(
      await sql`select 1 from audit_log where before::text ilike ${`%${email}%`} or after::text ilike ${`%${email}%`}`,
    ).toHaveLength(0);
    expect(
      await sql`select action from audit_log where target_id = ${userId} and action in ('user.created', 'user.deleted') order by id`,
    ).toEqual([{ action: "user.created" }, { action: "user.deleted" }]);
  } finally {
    await sql.end();
  }
  // The owner's audit log shows what was done to a pseudonym.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(
    page
      .getByTestId("audit-row")
      .filter({ hasText: "Deleted user" })
      .filter({ hasText: `Deleted person ${userId.slice(0, 8)}` }),
  ).toHaveCount(1);
});

test("a customer admin adds a user who is at once the group admin of a group of their hospital", async ({ page }) => {
  const email = `new.lead.${Date.now()}@stolav.example`;
  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/users/new");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("First name").fill("Lena");
  await page.getByLabel("Last name").fill("Lead");
  await page.getByRole("checkbox", { name: /Cardiology nurses/ }).check();
  // Only the roles a customer admin may grant are offered.
  const role = page.getByLabel("Role", { exact: true });
  await expect(role.locator("option")).toHaveText(["No admin role (product user)", "Group admin", "Customer admin"]);
  await role.selectOption({ label: "Group admin" });
  const where = page.getByRole("group", { name: "Where: the group they will administer" });
  await where.getByRole("radio", { name: /Cardiology nurses/ }).check();
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByRole("heading", { name: "Lena Lead" })).toBeVisible();
  await expect(page.getByText(/Group admin at .*Cardiology nurses/)).toBeVisible();
});

test("adding a user with an email already in use says so and adds nobody", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/users/new");
  await page.getByLabel("Email", { exact: true }).fill("user@helix.example");
  await page.getByLabel("First name").fill("Dup");
  await page.getByLabel("Last name").fill("Licate");
  await page.getByRole("checkbox", { name: /Endoscopy unit/ }).check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("already in use");
});

test("the organisation tree shows a market admin their market with counts, and opens the list of a node", async ({
  page,
}) => {
  await signIn(page, "market@helix.example");
  await page.getByRole("link", { name: "Organisation" }).click();
  await expect(page.getByRole("treeitem").filter({ hasText: "Nordics" }).first()).toBeVisible();
  await expect(page.getByText("Iberia")).toHaveCount(0);
  await page.getByRole("button", { name: "Open St Olav University Hospital" }).click();
  await page.getByTestId("count-OR technicians").click();
  await expect(page).toHaveURL(/\/dashboard\/users\?node=/);
  // The demo's two OR technicians, and no one of the other group (another test may add and remove
  // someone here meanwhile, so the rows are checked by name rather than counted).
  const rows = page.getByTestId("user-row");
  await expect(rows.filter({ hasText: "Ola Nordmann" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Erik Strand" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Kari Dahl" })).toHaveCount(0);
});

test("a user outside the admin's scope is not found, through the page and the API", async ({ page }) => {
  const sql = database();
  const [laura] = await sql`select id from users where email = 'laura.garcia@clinic.example'`;
  await sql.end();
  await signIn(page, "customer@helix.example");
  await page.goto(`/dashboard/users/${laura!.id}`);
  await expect(page.getByRole("heading", { name: "User not found" })).toBeVisible();
  const response = await page.request.post("/api/trpc/users.setSuspended", {
    data: { json: { userId: laura!.id, suspended: true } },
  });
  expect(response.status()).toBe(404);
});

test("the first HTML of the users page, a user's page, the tree, a node's page, the notifications and the audit log already holds their data", async ({
  page,
}) => {
  await signIn(page, "customer@helix.example");
  const html = async (path: string) => (await page.request.get(path)).text();
  const users = await html("/dashboard/users");
  expect(users).toContain("ola.nordmann@stolav.example");
  expect(users).not.toContain("Loading users…");
  const sql = database();
  let ola: string;
  let stOlav: string;
  let royalDevon: string;
  let orTechs: string;
  let item: string;
  try {
    ola = (await sql`select id from users where email = 'ola.nordmann@stolav.example'`)[0]!.id as string;
    stOlav = (await sql`select id from nodes where name = 'St Olav University Hospital'`)[0]!.id as string;
    royalDevon = (await sql`select id from nodes where name = 'Royal Devon Clinic'`)[0]!.id as string;
    orTechs = (await sql`select id from nodes where name = 'OR technicians'`)[0]!.id as string;
    item = (await sql`select item_id from content_versions where title = 'Helix P1 infusion pump: the basics'`)[0]!
      .item_id as string;
  } finally {
    await sql.end();
  }
  expect(await html(`/dashboard/users/${ola}`)).toContain("Why you can see this user");
  expect(await html("/dashboard/organisation")).toContain("St Olav University Hospital");
  const node = await html(`/dashboard/organisation/${stOlav}`);
  expect(node).toContain("Cardiology nurses");
  expect(node).not.toContain("Loading…");
  // Another customer's node: nothing of it is prefetched into the first HTML.
  expect(await html(`/dashboard/organisation/${royalDevon}`)).not.toContain("Royal Devon Clinic");
  expect(await html("/dashboard/notifications")).not.toContain("Loading notifications…");
  expect(await html("/dashboard/content")).toContain("Helix P1 infusion pump: the basics");
  expect(await html("/dashboard/content")).not.toContain("Loading content…");
  expect(await html("/dashboard/reports")).not.toContain("Loading courses…");
  expect(await html("/dashboard/users/registration-requests")).not.toContain("animate-pulse");
  expect(await html("/dashboard/audit")).toContain('data-testid="audit-row"');
  // A group's page holds its members; an item's page who has it and how many see it.
  const group = await html(`/dashboard/organisation/${orTechs}`);
  expect(group).toContain("Ola Nordmann");
  expect(group).not.toContain("Loading the members…");
  const itemPage = await html(`/dashboard/content/${item}`);
  expect(itemPage).toContain("in your part of the organisation see it in their portal");
  expect(itemPage).not.toContain("Loading…");
});

test("the first HTML of the owner's Settings holds the settings, not a loading line", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  const settings = await (await page.request.get("/dashboard/settings")).text();
  expect(settings).toContain('value="Helix Academy"');
});

test.describe("times in the viewer's own terms", () => {
  test.use({ timezoneId: "America/New_York", locale: "en-US" });

  test("the first HTML says a time in UTC; the browser then shows it in its own locale and zone, without a hydration error", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await signIn(page, "owner@helix.example");
    const html = await (await page.request.get("/dashboard/audit")).text();
    expect(html).toMatch(/<time datetime="[^"]+">[^<]+ UTC<\/time>/i);

    await page.goto("/dashboard/audit");
    const first = page.getByTestId("audit-row").first().locator("time");
    await expect(first).not.toContainText("UTC");
    const iso = await first.getAttribute("dateTime");
    // Chromium's own ICU formats the expected text, so the test does not depend on Node's.
    const expected = await page.evaluate(
      (moment) =>
        new Intl.DateTimeFormat("en-US", {
          dateStyle: "medium",
          timeStyle: "medium",
          timeZone: "America/New_York",
        }).format(new Date(moment)),
      iso!,
    );
    await expect(first).toHaveText(expected);
    expect(errors.filter((text) => /hydrat|#418|#423|#425/i.test(text))).toEqual([]);
  });
});
