import { expect, test, type Page } from "@playwright/test";
import { database, signIn, signOut } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

// The registration settings are the installation's: these journeys change them, so they run in order.
test.describe.configure({ mode: "serial" });

/** Waits for the email to `address` at the Resend stand-in and returns its invitation link's path. */
async function invitationPathFor(address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find(
          (m) => m.to.includes(address) && /\/invite\//.test(m.text ?? ""),
        );
        link = mail?.text?.match(/https?:\/\/\S+\/invite\/[\w-]+/)?.[0];
        return link;
      },
      { timeout: 20_000 },
    )
    .toBeTruthy();
  return new URL(link!).pathname;
}

/** The newcomer follows the link, sets a password and lands in the portal, in the group they were given. */
async function setPasswordAndOpenPortal(page: Page, address: string, firstName: string, group: RegExp) {
  await page.goto(await invitationPathFor(address));
  await expect(page.getByRole("heading", { name: `Welcome, ${firstName}` })).toBeVisible();
  await page.getByLabel("New password").fill("violet kettle under nine lanterns");
  await page.getByLabel("The same password again").fill("violet kettle under nine lanterns");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);
  await expect(page.getByRole("region", { name: "Your groups" })).toContainText(group);
}

async function fillPerson(page: Page, person: { firstName: string; lastName: string; email: string }) {
  await page.getByLabel("First name").fill(person.firstName);
  await page.getByLabel("Last name").fill(person.lastName);
  await page.getByLabel("Work email").fill(person.email);
}

test("with registration requests enabled in Settings, a newcomer asks for access from the sign-in page and is told it waits for review", async ({
  page,
}) => {
  const email = `newcomer.${Date.now()}@haukeland.example`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Enable registration requests").check();
  await page.getByLabel("Auto-approve requests for open facilities").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await signOut(page);

  await page.goto("/login");
  await page.getByRole("link", { name: "Request access" }).click();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Enter your first name.")).toBeVisible();
  await fillPerson(page, { firstName: "Nina", lastName: "Newcomer", email });
  // No facility is open to self-registration: nothing of the maker's customers is listed, the
  // person types their hospital.
  await expect(page.getByLabel("Find your facility")).toHaveCount(0);
  await page.getByLabel("Name of your hospital or facility").fill("Haukeland University Hospital");
  // Started from the browser's own region (Playwright's browser speaks en-US).
  await expect(page.getByLabel("Country")).toHaveValue("United States");
  await page.getByLabel("Country").fill("Norway");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("your request is waiting for review");

  const sql = database();
  try {
    const rows = await sql`select status, facility_name, facility_id from registration_requests where email = ${email}`;
    expect(rows).toEqual([{ status: "pending", facility_name: "Haukeland University Hospital", facility_id: null }]);
  } finally {
    await sql.end();
  }
});

test("review mode: the owner accepts the request from Accounts › Users › Registration requests; the newcomer sets a password from the email and reaches the portal", async ({
  page,
}) => {
  const email = `reviewed.${Date.now()}@royaldevon.example`;
  await page.goto("/request-access");
  await fillPerson(page, { firstName: "Rita", lastName: "Reviewed", email });
  await page.getByLabel("Position (optional)").fill("Endoscopy nurse");
  // Nothing is listed (no facility is open): the name typed is a customer's, so the request reaches
  // its administrators.
  await page.getByLabel("Name of your hospital or facility").fill("Royal Devon Clinic");
  await page.getByLabel("Country").fill("United Kingdom");
  await page.getByLabel(/Message/).fill("I joined the endoscopy unit this month.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("waiting for review");

  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: /Registration requests/ }).click();
  const row = page.getByTestId("request-row").filter({ hasText: email });
  await expect(row).toContainText("Royal Devon Clinic");
  await expect(row).toContainText("I joined the endoscopy unit this month.");
  await row.getByLabel("Select Rita Reviewed").check();
  await page.getByRole("button", { name: "Actions for the selected requests" }).click();
  await page.getByRole("menuitem", { name: "Accept registration requests" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("radio", { name: /suggested group/ })).toBeChecked();
  await expect(dialog).toContainText("Endoscopy unit (Royal Devon Clinic)");
  await dialog.getByRole("button", { name: "Accept 1 request" }).click();
  await expect(page.getByRole("status")).toContainText("1 request accepted");
  await page.getByRole("tab", { name: /Accepted/ }).click();
  await expect(page.getByTestId("request-row").filter({ hasText: email })).toContainText("Olivia Owens");
  await signOut(page);

  await setPasswordAndOpenPortal(page, email, "Rita", /Endoscopy unit\s*Royal Devon Clinic/);
});

test("the owner rejects a request with a reason, and the person is told by email", async ({ page }) => {
  const email = `rejected.${Date.now()}@royaldevon.example`;
  await page.goto("/request-access");
  await fillPerson(page, { firstName: "Rolf", lastName: "Rejected", email });
  await page.getByLabel("Name of your hospital or facility").fill("Royal Devon Clinic");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("waiting for review");

  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/users/registration-requests");
  await page.getByLabel("Select Rolf Rejected").check();
  await page.getByRole("button", { name: "Actions for the selected requests" }).click();
  await page.getByRole("menuitem", { name: "Reject" }).click();
  await page.getByLabel("Reason (optional)").fill("Please ask your ward manager to add you.");
  await page.getByRole("button", { name: "Reject 1 request" }).click();
  await expect(page.getByRole("status")).toContainText("1 request rejected");
  await expect
    .poll(
      async () => (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).find((m) => m.to.includes(email))?.text,
      { timeout: 20_000 },
    )
    .toContain("Please ask your ward manager to add you.");
  await page.getByRole("tab", { name: /Rejected/ }).click();
  await expect(page.getByTestId("request-row").filter({ hasText: email })).toContainText(
    "Please ask your ward manager to add you.",
  );
});

test("auto-approve mode: the owner opens a facility; a newcomer picks it, the worker invites them at once, and they reach the portal in its group", async ({
  page,
}) => {
  // A whole journey through several pages and the worker: its own, longer budget on a slow machine.
  test.slow();
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/settings");
  await page.getByLabel("Auto-approve requests for open facilities").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const facilities = page.getByRole("region", { name: "Open facilities" });
  if (!(await facilities.getByText("Royal Devon Clinic").isVisible())) {
    await facilities.getByRole("button", { name: "Open a facility" }).click();
    await facilities.getByLabel("Find a customer").fill("Royal");
    await facilities.getByRole("radio", { name: /Royal Devon Clinic/ }).check();
    await facilities.getByLabel("Group newcomers join").selectOption({ label: "Endoscopy unit" });
    await facilities.getByLabel(/Allowed email domains/).fill("royaldevon.example");
    await facilities.getByRole("button", { name: "Open to self-registration" }).click();
  }
  await expect(facilities).toContainText("Addresses at royaldevon.example");
  await signOut(page);

  const email = `auto.${Date.now()}@royaldevon.example`;
  await page.getByRole("link", { name: "Request access" }).click();
  await fillPerson(page, { firstName: "Aino", lastName: "Automatic", email });
  await page.getByLabel("Find your facility").fill("devon");
  // Now listed, being open; St Olav, a customer that is not open, is not to be found.
  await expect(page.getByRole("radio", { name: "Royal Devon Clinic" })).toBeVisible();
  await page.getByLabel("Find your facility").fill("st olav");
  await expect(page.getByText(/^No facility matches .st olav./)).toBeVisible();
  await page.getByLabel("Find your facility").fill("devon");
  await page.getByRole("radio", { name: "Royal Devon Clinic" }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");
  await setPasswordAndOpenPortal(page, email, "Aino", /Endoscopy unit\s*Royal Devon Clinic/);

  // An address outside the allowed domains is taken for review instead, and told so.
  await page.context().clearCookies();
  await page.goto("/request-access");
  await fillPerson(page, { firstName: "Gus", lastName: "Gmail", email: `gus.${Date.now()}@gmail.example` });
  await page.getByRole("radio", { name: "Royal Devon Clinic" }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status")).toContainText("waiting for review");
});
