import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

// The main pages, checked by axe-core at a desk's and a phone's width: no serious or critical
// violation of WCAG 2.1 A/AA. A screenshot of each is kept with the test's results.
const sizes = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
type Size = (typeof sizes)[number];

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

async function checkPages(page: Page, testInfo: TestInfo, paths: string[], atSizes: readonly Size[] = sizes) {
  for (const size of atSizes) {
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
      // The demo's teacher-led session (given to Cardiology nurses).
      session: (
        await sql`select item_id from content_versions where status = 'published' and body->>'kind' = 'session' limit 1`
      )[0]!.item_id as string,
      // An item the product user is given (the demo gives Cardiology nurses several).
      portalItem: (
        await sql`select ci.id from content_items ci join content_assignments ca on ca.item_id = ci.id
          join nodes n on n.id = ca.node_id where n.name = 'Cardiology nurses' order by ci.created_at limit 1`
      )[0]!.id as string,
    };
  } finally {
    await sql.end();
  }
}

for (const size of sizes) {
  test(`the sign-in, password and request-access pages at a ${size.name}'s width have no serious accessibility violations`, async ({
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
    await checkPages(page, testInfo, ["/login", "/forgot-password", "/request-access"], [size]);
  });
}

// One test per page and width, each analysed in full: a slow machine lengthens every test a
// little rather than one long test past its budget. ":user" and the like stand for a demo id.
const pagesByArea = {
  dashboard: {
    login: "owner@helix.example",
    paths: [
      "/dashboard/users",
      "/dashboard/users/new",
      "/dashboard/users/import",
      "/dashboard/users/:user",
      "/dashboard/users/registration-requests",
      "/dashboard/organisation",
      "/dashboard/organisation/:group",
      "/dashboard/organisation/import",
      "/dashboard/settings",
      "/dashboard/permission-groups",
      "/dashboard/content",
      "/dashboard/content/:item",
      "/dashboard/content/:session",
      "/dashboard/reports",
      "/dashboard/audit",
      "/dashboard/notifications",
      "/dashboard/support",
      "/dashboard/support/:issue",
      "/dashboard/boards",
    ],
  },
  portal: {
    login: "user@helix.example",
    paths: [
      "/portal",
      "/portal/items/:portalItem",
      "/portal/items/:session",
      "/portal/support",
      "/portal/support/new",
      "/portal/support/:issue",
      "/portal/profile",
      "/portal/training-record",
      "/portal/security",
      "/portal/boards",
      "/portal/boards/:board",
      "/portal/boards/:board/threads/:thread",
      "/portal/notifications",
    ],
  },
} as const;

for (const [area, { login, paths }] of Object.entries(pagesByArea)) {
  for (const template of paths) {
    for (const size of sizes) {
      test(`the ${area}'s ${template} at a ${size.name}'s width has no serious accessibility violations`, async ({
        page,
      }, testInfo) => {
        const ids: Record<string, string> = await demoIds();
        await signIn(page, login);
        await checkPages(page, testInfo, [template.replace(/:(\w+)/g, (_, key: string) => ids[key]!)], [size]);
      });
    }
  }
}

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
