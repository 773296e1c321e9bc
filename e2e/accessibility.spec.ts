import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

// The main pages, checked by axe-core at a desk's and a phone's width: no serious or critical
// violation of WCAG 2.1 A/AA. A screenshot of each is kept with the test's results.
const sizes = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
}

async function checkPages(page: Page, testInfo: TestInfo, paths: string[]) {
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      // Checked once the page has its data (no loading line left).
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      expect.soft(await seriousViolations(page), `${path} at ${size.width} px`).toEqual([]);
      await page.screenshot({
        path: testInfo.outputPath(`${size.name}${path.replaceAll("/", "_") || "_home"}.png`),
        fullPage: true,
      });
    }
  }
}

async function demoIds() {
  const sql = database();
  try {
    return {
      user: (await sql`select id from users where email = 'user@helix.example'`)[0]!.id as string,
      group: (await sql`select id from nodes where name = 'Cardiology nurses'`)[0]!.id as string,
      item: (await sql`select id from content_items order by created_at limit 1`)[0]!.id as string,
      issue: (await sql`select id from support_issues order by number limit 1`)[0]!.id as string,
      board: (await sql`select id from boards where name = 'St Olav nurses'`)[0]!.id as string,
      thread: (
        await sql`select t.id from board_threads t join boards b on b.id = t.board_id
        where b.name = 'St Olav nurses' order by t.created_at limit 1`
      )[0]!.id as string,
    };
  } finally {
    await sql.end();
  }
}

test("the sign-in, password and request-access pages have no serious accessibility violations", async ({
  page,
}, testInfo) => {
  // The request form is checked open, with its list of hospitals (the registration journeys turn
  // requests on as well, so leaving them on disturbs no other test).
  const sql = database();
  try {
    await sql`update settings set registration_requests_enabled = true`;
  } finally {
    await sql.end();
  }
  await checkPages(page, testInfo, ["/login", "/forgot-password", "/request-access"]);
});

// The dashboard's pages in two halves: each page is analysed in full, and a slow machine must
// still finish each half well inside a long journey's budget.
test("the dashboard's people and organisation pages have no serious accessibility violations", async ({
  page,
}, testInfo) => {
  test.slow();
  const ids = await demoIds();
  await signIn(page, "owner@helix.example");
  await checkPages(page, testInfo, [
    "/dashboard/users",
    "/dashboard/users/new",
    "/dashboard/users/import",
    `/dashboard/users/${ids.user}`,
    "/dashboard/users/registration-requests",
    "/dashboard/organisation",
    `/dashboard/organisation/${ids.group}`,
    "/dashboard/settings",
  ]);
});

test("the dashboard's content, support, community and records pages have no serious accessibility violations", async ({
  page,
}, testInfo) => {
  test.slow();
  const ids = await demoIds();
  await signIn(page, "owner@helix.example");
  await checkPages(page, testInfo, [
    "/dashboard/content",
    `/dashboard/content/${ids.item}`,
    "/dashboard/reports",
    "/dashboard/audit",
    "/dashboard/notifications",
    "/dashboard/support",
    `/dashboard/support/${ids.issue}`,
    "/dashboard/boards",
  ]);
});

test("the portal's pages have no serious accessibility violations", async ({ page }, testInfo) => {
  // Eleven pages, each analysed in full: the budget of a long journey.
  test.slow();
  const { issue, board, thread } = await demoIds();
  await signIn(page, "user@helix.example");
  const sql = database();
  let item: string;
  try {
    // An item this product user is given (the demo gives Cardiology nurses several).
    item = (
      await sql`select ci.id from content_items ci join content_assignments ca on ca.item_id = ci.id
        join nodes n on n.id = ca.node_id where n.name = 'Cardiology nurses' order by ci.created_at limit 1`
    )[0]!.id as string;
  } finally {
    await sql.end();
  }
  await checkPages(page, testInfo, [
    "/portal",
    `/portal/items/${item}`,
    "/portal/support",
    "/portal/support/new",
    `/portal/support/${issue}`,
    "/portal/profile",
    "/portal/training-record",
    "/portal/security",
    "/portal/boards",
    `/portal/boards/${board}`,
    `/portal/boards/${board}/threads/${thread}`,
    "/portal/notifications",
  ]);
});

test("a confirmation is a modal dialog: focus stays inside, Escape closes it, focus goes back to its button", async ({
  page,
}, testInfo) => {
  const ids = await demoIds();
  await signIn(page, "owner@helix.example");
  await page.goto(`/dashboard/users/${ids.user}`);
  const opener = page.getByRole("button", { name: "Suspend", exact: true });
  await opener.click();
  const dialog = page.getByRole("alertdialog", { name: /^Suspend / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Suspend" })).toBeFocused();
  // Tabbing round never leaves the dialog (the page behind is inert).
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((element) => element.contains(document.activeElement)), key).toBe(true);
  }
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("confirmation-dialog.png") });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  // Nothing was suspended.
  await expect(page.locator("header").getByText("Suspended")).toHaveCount(0);
});
