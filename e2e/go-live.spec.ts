import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { fetchStandInEmails } from "./support/resend-stand-in";

// The first day of a real installation, on a database the demo never touched, through the
// production artifact: its own app instance and worker serve it (playwright.config.ts).
test.use({ baseURL: process.env.E2E_EMPTY_APP_URL });

const standalone = path.resolve(".next/standalone");
/** Runs one of the artifact's scripts with plain Node against the empty installation's database. */
function artifact(script: "migrate.mjs" | "setup.mjs", extraEnv: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: standalone,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_EMPTY_DATABASE_URL,
      DATABASE_OWNER_URL: process.env.E2E_EMPTY_DATABASE_OWNER_URL,
      APP_URL: process.env.E2E_EMPTY_APP_URL,
      ...extraEnv,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const admin = { email: "first.admin@maker.example", first: "Freya", last: "Firstadmin" };
const second = { email: "second.admin@maker.example", first: "Sander", last: "Secondadmin" };
const marketAdmin = { email: "market.admin@maker.example", first: "Marta", last: "Marketadmin" };
const nurse = { email: "nina.nurse@baltic01.example", first: "Nina", last: "Nurse" };
const course = "Infusion pump: first use";
const setupEnv = {
  SETUP_OWNER_NAME: "Nordlys Medical",
  SETUP_ADMIN_EMAIL: admin.email,
  SETUP_ADMIN_FIRST_NAME: admin.first,
  SETUP_ADMIN_LAST_NAME: admin.last,
};

// The first day is one story told in steps: each step goes on from where the one before left the
// installation, and each person keeps their own browser (and so their session) from step to step.
test.describe.configure({ mode: "serial" });

const contexts: BrowserContext[] = [];
/** A browser of a person's own, on the empty installation. */
async function browserOf(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.E2E_EMPTY_APP_URL });
  contexts.push(context);
  return context.newPage();
}
let first: Page;
let itemPath = "";
test.beforeAll(async ({ browser }) => {
  first = await browserOf(browser);
});
test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

/** The link of the invitation the stand-in received for `email`, once the worker has sent it. */
async function invitationLink(email: string): Promise<string> {
  let link = "";
  await expect(async () => {
    const mail = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find(
      (m) => m.to.includes(email) && /\/invite\//.test(m.text ?? ""),
    );
    link = /https?:\/\/\S+\/invite\/[\w-]+/.exec(mail?.text ?? "")?.[0] ?? "";
    expect(link).not.toBe("");
  }).toPass({ timeout: 30_000 });
  return link;
}

/** Opens the invitation and chooses a password, which signs the person in. */
async function acceptInvitation(page: Page, person: { email: string; first: string }, password: string) {
  await page.goto(new URL(await invitationLink(person.email)).pathname);
  await expect(page.getByRole("heading", { name: `Welcome, ${person.first}` })).toBeVisible();
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("The same password again").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
}

/** The first sign-in of an owner admin enrols two-step verification; returns the secret and the recovery codes. */
async function enrolTwoStep(page: Page, password: string) {
  await expect(page).toHaveURL(/\/portal\/security/);
  // Turning it on asks for the password again: a session alone does not enrol.
  await page.getByLabel("Your password, to confirm it is you").fill(password);
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = Secret.fromBase32((await page.getByTestId("totp-secret").textContent())!.trim());
  await page.getByLabel("2. Enter the 6-digit code the app shows").fill(TOTP.generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  // The codes are shown once the server has turned it on: wait for all ten, then read them.
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allInnerTexts();
  await page.getByRole("link", { name: "I have saved them" }).click();
  return { secret, recoveryCodes };
}

test("the migrate step sets up an empty installation from the environment, once, and the setup command refuses a second owner", async () => {
  // Bad input is refused with a sentence and exit status 1, and sets nothing up.
  const malformed = artifact("setup.mjs", {}, ["--owner", "Nordlys Medical", "--email", "not-an-address"]);
  expect(malformed.status).toBe(1);
  expect(malformed.output).toContain("Set-up refused: Give the first owner admin's email address as name@example.com.");

  // The container platform's first start: the migrate step sets up from SETUP_*.
  const firstStart = artifact("migrate.mjs", setupEnv);
  expect(firstStart.output).toContain(`Set up "Nordlys Medical" with ${admin.email} as its first owner admin.`);
  expect(firstStart.output).toContain(`The invitation is queued for ${admin.email}`);
  expect(firstStart.status).toBe(0);
  // Every later start goes on without touching it; the command refuses outright.
  const again = artifact("migrate.mjs", { ...setupEnv, SETUP_ADMIN_EMAIL: "intruder@elsewhere.example" });
  expect(again).toMatchObject({ status: 0 });
  expect(again.output).toContain("The installation is set up already");
  const command = artifact("setup.mjs", { ...setupEnv, SETUP_ADMIN_EMAIL: "intruder@elsewhere.example" });
  expect(command.status).toBe(1);
  expect(command.output).toContain("Set-up refused: This installation already has an owner organisation");

  // The installation's own worker sends the invitation to the provider (the stand-in); nobody else gets one.
  await invitationLink(admin.email);
  expect(
    (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).some((m) => m.to.includes("intruder@elsewhere.example")),
  ).toBe(false);
});

test("the first owner admin accepts the invitation, enrols two-step verification, and is told what to do first", async () => {
  const page = first;
  await acceptInvitation(page, admin, "harbour lantern over quiet fjords");
  // Owner admins need two-step verification in a new installation: the first sign-in enrols it.
  await enrolTwoStep(page, "harbour lantern over quiet fjords");

  // The empty dashboard says what to do first.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/users/);
  const steps = page.getByRole("region", { name: "First steps for your installation" });
  await expect(steps.getByText("Your installation is empty. Start here:")).toBeVisible();
  await steps.getByRole("link", { name: "Create a market or an internal organisation" }).click();
  await expect(page).toHaveURL(/\/dashboard\/organisation$/);
});

test("the first owner admin creates a market and a customer, and imports the market's 50 hospitals from CSV, twice without duplicates", async () => {
  const page = first;
  // A market and a customer under it.
  await page.goto("/dashboard/organisation");
  await page.getByRole("link", { name: "Nordlys Medical", exact: true }).click();
  await page.getByRole("button", { name: "Add market" }).click();
  await page.getByLabel("Name").fill("Baltics");
  await page.getByRole("button", { name: "Add market" }).last().click();
  await expect(page.getByRole("heading", { name: "Baltics" })).toBeVisible();
  await page.getByRole("button", { name: "Add customer" }).click();
  await page.getByLabel("Name").fill("Riga East University Hospital");
  await page.getByRole("button", { name: "Add customer" }).last().click();
  await expect(page.getByRole("heading", { name: "Riga East University Hospital" })).toBeVisible();

  // The market's 50 hospitals from a CSV file, each with a group: checked first, then imported with progress.
  const hospitals = Array.from({ length: 50 }, (_, i) => String(i + 1).padStart(2, "0"));
  const csv = [
    "kind,name,external_id,parent_external_id,parent_path,description",
    ...hospitals.map((n) => `customer,Baltic Hospital ${n},C-${n},,Baltics,`),
    ...hospitals.map((n) => `group,Nurses ${n},G-${n},C-${n},,`),
  ].join("\n");
  await page.goto("/dashboard/organisation");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "baltics.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "baltics.csv" })).toContainText(
    "100 lines, 100 new, 0 changed, 0 unchanged.",
  );
  await page.getByRole("button", { name: "Import 100 lines" }).click();
  await expect(page.getByRole("status").filter({ hasText: "imported" })).toContainText("100 lines imported.");
  // The same file again changes nothing.
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "baltics.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "baltics.csv" })).toContainText(
    "100 lines, 0 new, 0 changed, 100 unchanged. There is nothing to change.",
  );
  await expect(page.getByRole("button", { name: "Import 0 lines" })).toBeDisabled();

  await page.goto("/dashboard/users");
  const steps = page.getByRole("region", { name: "First steps for your installation" });
  await expect(steps.getByText("3 of 5 steps left.", { exact: false })).toBeVisible();
});

test("the first owner admin creates a permission group with Approve and Publish, and puts a second owner admin in it, invited on saving", async () => {
  const page = first;

  // A permission group with Approve and Publish, created in the product.
  await page.getByRole("link", { name: "Permission groups" }).first().click();
  await expect(page.getByRole("heading", { name: "Permission groups", level: 1 })).toBeVisible();
  // The set-up's own group, with the first admin in it.
  await expect(page.getByRole("heading", { name: "Content approvers and publishers" })).toBeVisible();
  const form = page.getByRole("region", { name: "New permission group" });
  await form.getByLabel("Name").fill("Release board");
  await form.getByLabel("Description").fill("Sign off each release of the training.");
  await form.getByLabel("Approve content").check();
  await form.getByLabel("Publish content").check();
  await form.getByRole("button", { name: "Create the group" }).click();
  await expect(form.getByRole("status")).toHaveText('"Release board" is created. Add its members below.');
  await expect(page.getByRole("heading", { name: "Release board" })).toBeVisible();
  // A duplicate name is refused with a sentence.
  await form.getByLabel("Name").fill("release BOARD");
  await form.getByRole("button", { name: "Create the group" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "A permission group of that name exists already: choose another name.",
  );

  // A second owner admin for the release board: the maker's own organisation and group, then the
  // person, invited on saving, and put in the group by the first admin.
  await page.goto("/dashboard/organisation");
  await page.getByRole("link", { name: "Nordlys Medical", exact: true }).click();
  await page.getByRole("button", { name: "Add internal organisation" }).click();
  await page.getByLabel("Name").fill("Nordlys Quality");
  await page.getByRole("button", { name: "Add internal organisation" }).last().click();
  await expect(page.getByRole("heading", { name: "Nordlys Quality" })).toBeVisible();
  await page.getByRole("button", { name: "Add user group" }).click();
  await page.getByLabel("Name").fill("Release team");
  await page.getByRole("button", { name: "Add user group" }).last().click();
  await expect(page.getByRole("heading", { name: "Release team" })).toBeVisible();
  await page.goto("/dashboard/users/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email", { exact: true }).fill(second.email);
  await page.getByLabel("First name").fill(second.first);
  await page.getByLabel("Last name").fill(second.last);
  await page.getByLabel("Find a user group").fill("Release");
  await page.getByRole("checkbox", { name: /Release team/ }).check();
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Owner admin" });
  await expect(page.getByText("Held at Nordlys Medical")).toBeVisible();
  await expect(page.getByLabel("Send the invitation now")).toBeChecked();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: `${second.first} ${second.last}` })).toBeVisible();
  await invitationLink(second.email);
  await page.goto("/dashboard/permission-groups");
  await page.getByRole("button", { name: "Manage Release board" }).click();
  const release = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Release board" }) });
  await release.getByLabel(/Find a person/).fill(second.first);
  await release.getByRole("button", { name: new RegExp(second.email) }).click();
  await release.getByRole("button", { name: `Add ${second.first} ${second.last}` }).click();
  await expect(release.getByRole("list", { name: "Members of Release board" })).toContainText(second.email);
  await page.getByRole("button", { name: "Close" }).click();

  // The first admin cannot change their own groups: the page says so instead of offering it.
  await page.getByRole("button", { name: "Manage Content approvers and publishers" }).click();
  await expect(page.getByText("You: another owner admin changes your groups.")).toBeVisible();
});

/** Signs the open version: the statement confirmed, the password again, and a code from the app. */
async function sign(page: Page, open: string, submit: string, password: string, code: string) {
  await page.getByRole("button", { name: open }).click();
  const dialog = page.getByRole("dialog", { name: /Sign:/ });
  await dialog.getByRole("checkbox").check();
  await dialog.getByLabel("Your password").fill(password);
  await dialog.getByLabel(/Code from your authenticator app/).fill(code);
  await dialog.getByRole("button", { name: submit }).click();
  return dialog;
}

test("the first owner admin writes a course; the second owner admin accepts the invitation, enrols, and approves and publishes it, each signature with a code of its own", async ({
  browser,
}) => {
  // Two people, each through an invitation, enrolment and signatures: a longer budget.
  test.slow();
  const page = first;
  await page.goto("/dashboard/content");
  await page.getByLabel("New").selectOption("course");
  await page.getByRole("button", { name: "Write it" }).click();
  await expect(page.getByRole("heading", { name: "New training: self-study course" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title", { exact: true }).fill(course);
  const pageOne = page.getByRole("group", { name: "Page 1" });
  await pageOne.getByLabel("Page title").fill("Priming the line");
  await pageOne.getByLabel(/Page text/).fill("Prime the line **before** connecting the patient.");
  await page.getByRole("button", { name: "Add a page" }).click();
  const pageTwo = page.getByRole("group", { name: "Page 2" });
  await pageTwo.getByLabel("Page title").fill("Setting the rate");
  await pageTwo.getByLabel(/Page text/).fill("Check the rate twice, with a colleague.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("button", { name: "Approve version 1" })).toBeVisible();
  itemPath = new URL(page.url()).pathname;

  const sander = await browserOf(browser);
  const password = "quality signs every release";
  await acceptInvitation(sander, second, password);
  const { secret, recoveryCodes } = await enrolTwoStep(sander, password);
  expect(recoveryCodes).toHaveLength(10);

  await sander.goto(itemPath);
  await expect(sander.getByRole("heading", { name: course })).toBeVisible();
  // The code of the next time step: newer than the one enrolment used, as a phone shows it a moment later.
  const code = TOTP.generate({ secret, timestamp: Date.now() + 30_000 });
  await expect(await sign(sander, "Approve version 1", "Sign and approve", password, code)).toBeHidden();
  // The same code again does not sign a second time.
  const replayed = await sign(sander, "Publish version 1", "Sign and publish", password, code);
  await expect(replayed.getByRole("alert")).toContainText("The version was not signed.");
  await replayed.getByRole("button", { name: "Cancel" }).click();
  await expect(await sign(sander, "Publish version 1", "Sign and publish", password, recoveryCodes[0]!)).toBeHidden();
  const signatures = sander.getByRole("region", { name: "Versions" }).getByRole("list", { name: "Signatures" });
  await expect(signatures).toContainText(`Signed by ${second.first} ${second.last}`);
  await expect(signatures).toContainText("meaning: Approved");
  await expect(signatures).toContainText("meaning: Published");
});

test("the first owner admin gives the course to the market and makes its admin; the market admin passes it down to a hospital's nurses and invites a nurse, who completes it", async ({
  browser,
}) => {
  // Three people in turn, two invitations through the worker: a longer budget.
  test.slow();
  const page = first;
  // The market's own team, and its administrator, invited on saving.
  await page.goto("/dashboard/organisation");
  await page.getByRole("link", { name: "Nordlys Medical", exact: true }).click();
  await page.getByRole("link", { name: "Baltics", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Baltics" })).toBeVisible();
  await page.getByRole("button", { name: "Add user group" }).click();
  await page.getByLabel("Name").fill("Baltic market team");
  await page.getByRole("button", { name: "Add user group" }).last().click();
  await expect(page.getByRole("heading", { name: "Baltic market team" })).toBeVisible();
  await page.goto("/dashboard/users/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email", { exact: true }).fill(marketAdmin.email);
  await page.getByLabel("First name").fill(marketAdmin.first);
  await page.getByLabel("Last name").fill(marketAdmin.last);
  await page.getByLabel("Find a user group").fill("Baltic market");
  await page.getByRole("checkbox", { name: /Baltic market team/ }).check();
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Market admin" });
  await page.getByPlaceholder("Find a market by name").fill("Baltics");
  await page.getByRole("radio", { name: /Baltics/ }).check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: `${marketAdmin.first} ${marketAdmin.last}` })).toBeVisible();

  // The published course, given to the market.
  await page.goto(itemPath);
  await page.getByLabel("Kind").selectOption({ label: "A market" });
  await page.getByPlaceholder("Find a market by name").fill("Baltics");
  await page.getByRole("radio", { name: /Baltics/ }).check();
  await page.getByRole("button", { name: "Give", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("The admins of Baltics can now pass it on");

  // The market admin passes it to a hospital, then to its nurses, and invites a nurse there.
  const marta = await browserOf(browser);
  await acceptInvitation(marta, marketAdmin, "baltic amber along the coast");
  await expect(marta).toHaveURL(/\/dashboard/);
  await marta.goto("/dashboard/content");
  await marta.getByRole("link", { name: course }).click();
  await marta.getByLabel("Kind").selectOption({ label: "A customer" });
  await marta.getByPlaceholder("Find a customer by name").fill("Baltic Hospital 01");
  await marta.getByRole("radio", { name: /Baltic Hospital 01/ }).check();
  await marta.getByRole("button", { name: "Give", exact: true }).click();
  await expect(marta.getByTestId("assignments")).toContainText("Baltic Hospital 01");
  await marta.getByLabel("Kind").selectOption({ label: "A user group" });
  await marta.getByPlaceholder("Find a user group by name").fill("Nurses 01");
  await marta.getByRole("radio", { name: /Nurses 01/ }).check();
  await marta.getByRole("button", { name: "Give", exact: true }).click();
  await expect(marta.getByTestId("assignments")).toContainText("Nurses 01");
  await marta.goto("/dashboard/users/new");
  await marta.waitForLoadState("networkidle");
  await marta.getByLabel("Email", { exact: true }).fill(nurse.email);
  await marta.getByLabel("First name").fill(nurse.first);
  await marta.getByLabel("Last name").fill(nurse.last);
  await marta.getByLabel("Find a user group").fill("Nurses 01");
  await marta.getByRole("checkbox", { name: /Nurses 01/ }).check();
  await expect(marta.getByLabel("Send the invitation now")).toBeChecked();
  await marta.getByRole("button", { name: "Add user" }).click();
  await expect(marta.getByRole("heading", { name: `${nurse.first} ${nurse.last}` })).toBeVisible();

  // The nurse, from the invitation, finds the course in the portal and completes it.
  const nina = await browserOf(browser);
  await acceptInvitation(nina, nurse, "night shift on ward seven");
  await expect(nina).toHaveURL(/\/portal/);
  const item = nina.getByTestId("portal-item").filter({ hasText: course });
  await expect(item).toContainText("Not started");
  await item.getByRole("link").click();
  await expect(nina.getByText("Page 1 of 2")).toBeVisible();
  await nina.getByRole("link", { name: "Next →" }).click();
  await expect(nina.getByText("Completed: 100 %")).toBeVisible();
  await nina.getByRole("link", { name: "Training record" }).click();
  await expect(nina.getByTestId("training-row").filter({ hasText: course })).toContainText(/1\s*Current/);
});

test("the first owner admin checks the new installation's audit trail: every entry of its first day holds", async () => {
  const page = first;
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("The trail has not been checked yet.")).toBeVisible();
  await page.getByRole("button", { name: "Check new entries" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Intact" })).toContainText(
    /Intact: all [\d,]+ entries are as they were recorded\./,
  );
  await expect(page.getByText(/^Last checked .*: intact through link #[\d,]+\.$/)).toBeVisible();
});
