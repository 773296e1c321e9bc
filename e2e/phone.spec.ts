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

test("on a phone, no page scrolls sideways and the users table keeps its status labels inside its rows", async ({
  page,
}, testInfo) => {
  await signIn(page, "owner@helix.example");
  for (const path of [
    "/dashboard/users",
    "/dashboard/organisation",
    "/dashboard/content",
    "/dashboard/reports",
    "/dashboard/audit",
    "/dashboard/settings",
    "/dashboard/notifications",
    "/dashboard/users/new",
    "/dashboard/users/registration-requests",
    "/portal",
    "/portal/profile",
    "/portal/security",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath(`${path.replaceAll("/", "_")}.png`), fullPage: true });
  }
  // The pages of one user, one group and one item (in the dashboard) too.
  const sql = database();
  let ids: { user: string; group: string; item: string };
  try {
    ids = {
      user: (await sql`select id from users where email = 'user@helix.example'`)[0]!.id as string,
      group: (await sql`select id from nodes where name = 'Cardiology nurses'`)[0]!.id as string,
      item: (await sql`select id from content_items order by created_at limit 1`)[0]!.id as string,
    };
  } finally {
    await sql.end();
  }
  for (const path of [
    `/dashboard/users/${ids.user}`,
    `/dashboard/organisation/${ids.group}`,
    `/dashboard/content/${ids.item}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: testInfo.outputPath(`${path.split("/").slice(1, 3).join("_")}-one.png`),
      fullPage: true,
    });
  }
  await page.goto("/dashboard/users");
  const table = page.getByRole("table");
  const tableBox = (await table.boundingBox())!;
  for (const label of await page
    .getByTestId("user-row")
    .getByText(/^(Active|Invited|Not invited|Suspended)$/)
    .all()) {
    const box = (await label.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(tableBox.x + tableBox.width);
  }
});
