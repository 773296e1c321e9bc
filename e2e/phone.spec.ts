import { expect, test, type Page } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

// At a phone's width (390 px): the menu is one button opening a drawer, and no page scrolls sideways.
test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

test("on a phone, the dashboard's menu is a drawer: it opens, takes focus, closes on Escape and after a link", async ({
  page,
}, testInfo) => {
  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/users");
  // The links are not laid out above the page any more.
  await expect(page.getByRole("link", { name: "Organisation" })).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await menu.click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("menu-open.png") });
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await drawer.getByRole("link", { name: "Organisation" }).click();
  await expect(page).toHaveURL(/\/dashboard\/organisation$/);
  await expect(drawer).toBeHidden();
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Menu" }).getByRole("button", { name: "Sign out" })).toBeVisible();
});

async function demoIds(): Promise<Record<string, string>> {
  const sql = database();
  try {
    return {
      user: (await sql`select id from users where email = 'user@helix.example'`)[0]!.id as string,
      group: (await sql`select id from nodes where name = 'Cardiology nurses'`)[0]!.id as string,
      item: (await sql`select id from content_items order by created_at limit 1`)[0]!.id as string,
      session: (
        await sql`select item_id from content_versions where status = 'published' and body->>'kind' = 'session' limit 1`
      )[0]!.item_id as string,
    };
  } finally {
    await sql.end();
  }
}

// One test per page: a slow machine lengthens each a little rather than one long test past its
// budget. ":user" and the like stand for a demo id.
for (const template of [
  "/dashboard/users",
  "/dashboard/organisation",
  "/dashboard/content",
  "/dashboard/reports",
  "/dashboard/audit",
  "/dashboard/settings",
  "/dashboard/permission-groups",
  "/dashboard/organisation/import",
  "/dashboard/notifications",
  "/dashboard/users/new",
  "/dashboard/users/registration-requests",
  "/dashboard/users/:user",
  "/dashboard/organisation/:group",
  "/dashboard/content/:item",
  "/dashboard/content/:session",
  "/portal",
  "/portal/profile",
  "/portal/security",
]) {
  test(`on a phone, ${template} does not scroll sideways`, async ({ page }, testInfo) => {
    const ids = await demoIds();
    await signIn(page, "owner@helix.example");
    await page.goto(template.replace(/:(\w+)/g, (_, key: string) => ids[key]!));
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath("page.png"), fullPage: true });
  });
}

test("on a phone, the users table keeps its status labels inside its rows", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/users");
  const table = page.getByRole("table");
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  const tableBox = (await table.boundingBox())!;
  for (const label of await page
    .getByTestId("user-row")
    .getByText(/^(Active|Invited|Not invited|Suspended)$/)
    .all()) {
    const box = (await label.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);
  }
});
