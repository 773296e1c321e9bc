import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
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
      APP_URL: process.env.E2E_EMPTY_APP_URL,
      ...extraEnv,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const admin = { email: "first.admin@maker.example", first: "Freya", last: "Firstadmin" };
const second = { email: "second.admin@maker.example", first: "Sander", last: "Secondadmin" };
const setupEnv = {
  SETUP_OWNER_NAME: "Nordlys Medical",
  SETUP_ADMIN_EMAIL: admin.email,
  SETUP_ADMIN_FIRST_NAME: admin.first,
  SETUP_ADMIN_LAST_NAME: admin.last,
};

test("go live: the migrate step sets up an empty installation from the environment, once; the first owner admin takes it from the invitation to the organisation imported and a release board with a second owner admin in it", async ({
  page,
}) => {
  // A whole first day through the artifact, the worker and many pages: a long journey's budget.
  test.slow();

  // Bad input is refused with a sentence and exit status 1, and sets nothing up.
  const malformed = artifact("setup.mjs", {}, ["--owner", "Nordlys Medical", "--email", "not-an-address"]);
  expect(malformed.status).toBe(1);
  expect(malformed.output).toContain("Set-up refused: Give the first owner admin's email address as name@example.com.");

  // The container platform's first start: the migrate step sets up from SETUP_*.
  const first = artifact("migrate.mjs", setupEnv);
  expect(first.output).toContain(`Set up "Nordlys Medical" with ${admin.email} as its first owner admin.`);
  expect(first.output).toContain(`The invitation is queued for ${admin.email}`);
  expect(first.status).toBe(0);
  // Every later start goes on without touching it; the command refuses outright.
  const again = artifact("migrate.mjs", { ...setupEnv, SETUP_ADMIN_EMAIL: "intruder@elsewhere.example" });
  expect(again).toMatchObject({ status: 0 });
  expect(again.output).toContain("The installation is set up already");
  const command = artifact("setup.mjs", { ...setupEnv, SETUP_ADMIN_EMAIL: "intruder@elsewhere.example" });
  expect(command.status).toBe(1);
  expect(command.output).toContain("Set-up refused: This installation already has an owner organisation");

  // The installation's own worker sends the invitation to the provider (the stand-in).
  let link = "";
  await expect(async () => {
    const mail = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find((m) => m.to.includes(admin.email));
    link = /https?:\/\/\S+\/invite\/[\w-]+/.exec(mail?.text ?? "")?.[0] ?? "";
    expect(link).not.toBe("");
  }).toPass({ timeout: 30_000 });
  expect(
    (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).some((m) => m.to.includes("intruder@elsewhere.example")),
  ).toBe(false);

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: `Welcome, ${admin.first}` })).toBeVisible();
  await page.getByLabel("New password").fill("harbour lantern over quiet fjords");
  await page.getByLabel("The same password again").fill("harbour lantern over quiet fjords");
  await page.getByRole("button", { name: "Set password and sign in" }).click();

  // Owner admins need two-step verification in a new installation: the first sign-in enrols it.
  await expect(page).toHaveURL(/\/portal\/security/);
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = Secret.fromBase32((await page.getByTestId("totp-secret").textContent())!.trim());
  await page.getByLabel("2. Enter the 6-digit code the app shows").fill(TOTP.generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("link", { name: "I have saved them" }).click();

  // The empty dashboard says what to do first.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/users/);
  const steps = page.getByRole("region", { name: "First steps for your installation" });
  await expect(steps.getByText("Your installation is empty. Start here:")).toBeVisible();
  await steps.getByRole("link", { name: "Create a market or an internal organisation" }).click();

  // A market and a customer under it.
  await expect(page).toHaveURL(/\/dashboard\/organisation$/);
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
  await expect(steps.getByText("3 of 5 steps left.", { exact: false })).toBeVisible();

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
  await expect(async () => {
    const mails = await fetchStandInEmails(process.env.RESEND_BASE_URL!);
    expect(mails.some((m) => m.to.includes(second.email) && /\/invite\//.test(m.text ?? ""))).toBe(true);
  }).toPass({ timeout: 30_000 });
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
