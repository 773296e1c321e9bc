import { expect, test, type Page } from "@playwright/test";
import { activeUser, demoPassword, signIn, signOut } from "./support/fixtures";

/** Signs the open version in the dialog (statement, password), with the retraining choice when asked. */
async function sign(page: Page, open: string, submit: string, retrain?: RegExp) {
  await page.getByRole("button", { name: open }).click();
  const dialog = page.getByRole("dialog", { name: /Sign:/ });
  await dialog.getByRole("checkbox").check();
  await dialog.getByLabel("Your password").fill(demoPassword);
  if (retrain) {
    // The choice is required: signing waits for it.
    await expect(dialog.getByRole("button", { name: submit })).toBeDisabled();
    await dialog.getByRole("radio", { name: retrain }).check();
  }
  await dialog.getByRole("button", { name: submit }).click();
  await expect(dialog).toBeHidden();
}

test("the owner publishes a course's next version for everyone to retrain on; the person sees it, trains again and has a certificate for each version; the report shows them", async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now();
  const email = `retrain.${stamp}@royaldevon.example`;
  const lastName = `Retrainer${stamp % 100000}`;
  await activeUser({ email, firstName: "Rhys", lastName });
  const title = `Cleaning the scope ${stamp}`;

  // A one-page course, given to this one person.
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/content/new?kind=course");
  await expect(page.getByRole("heading", { name: "New training: self-study course" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("group", { name: "Page 1" }).getByLabel("Page title").fill("Flush");
  await page
    .getByRole("group", { name: "Page 1" })
    .getByLabel(/Page text/)
    .fill("Flush every channel.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await sign(page, "Approve version 1", "Sign and approve");
  // The first version replaces nothing: no choice to make.
  await sign(page, "Publish version 1", "Sign and publish");
  await page.getByPlaceholder("Type two letters of a name or email").fill(lastName);
  await page.getByRole("button", { name: new RegExp(lastName) }).click();
  await page.getByRole("button", { name: "Give to this person" }).click();
  await expect(page.getByTestId("assignments")).toContainText(`Rhys ${lastName}`);
  const itemPath = new URL(page.url()).pathname;
  await signOut(page);

  // The person completes version 1: trained, with a certificate.
  await signIn(page, email);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("Completed: 100 %")).toBeVisible();
  await page.getByRole("link", { name: "Training record" }).click();
  await expect(page.getByTestId("requirement-row").filter({ hasText: title })).toContainText("Trained on version 1");
  await signOut(page);

  // Version 2: everyone retrains.
  await signIn(page, "owner@helix.example");
  await page.goto(itemPath);
  await page.waitForLoadState("networkidle");
  await page
    .getByRole("group", { name: "Page 1" })
    .getByLabel(/Page text/)
    .fill("Flush every channel, then brush.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await sign(page, "Approve version 2", "Sign and approve");
  await sign(page, "Publish version 2", "Sign and publish", /Must retrain on version 2/);
  await expect(page.getByRole("region", { name: "Training", exact: true })).toContainText(
    "Completions of version 2 or later count as training",
  );
  await signOut(page);

  // The person sees it on their home page and in their record; version 1 stays, no longer counting.
  await signIn(page, email);
  const due = page.getByTestId("due-training").filter({ hasText: title });
  await expect(due).toContainText("Retrain: version 2 replaces 1");
  await page.getByRole("link", { name: "Training record" }).click();
  await expect(page.getByTestId("training-row").filter({ hasText: title })).toContainText(
    "Older, no longer counts: now version 2",
  );
  await page.goto("/portal");
  await due.getByRole("link", { name: title }).click();
  await expect(page.getByText("Completed: 100 %")).toBeVisible();
  await page.getByRole("link", { name: "Training record" }).click();
  await expect(page.getByTestId("requirement-row").filter({ hasText: title })).toContainText("Trained on version 2");
  // A certificate for each version completed.
  await page.getByRole("link", { name: `Certificate: ${title}, version 1` }).click();
  const certificate = page.getByRole("article", { name: "Certificate of completion" });
  await expect(certificate).toContainText(`Rhys ${lastName}`);
  await expect(certificate).toContainText(title);
  await expect(certificate).toContainText("version 1");
  const certificatePath = new URL(page.url()).pathname;
  await signOut(page);

  // Someone else's certificate does not exist for them.
  await signIn(page, "user@helix.example");
  expect((await page.goto(certificatePath))?.status()).toBe(404);
  await expect(page.getByText(lastName)).toHaveCount(0);
  await page.goto("/portal");
  await signOut(page);

  // The owner's report: the person trained on the current version; their page shows the record.
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/reports");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Which course").selectOption({ label: title });
  const row = page.getByTestId("training-status-row").filter({ hasText: lastName });
  await expect(row).toContainText("Trained on version 2");
  await row.getByRole("link", { name: `Rhys ${lastName}` }).click();
  await expect(page.getByRole("region", { name: "Training", exact: true }).getByTestId("training-row")).toHaveCount(2);
});
