import { expect, test } from "@playwright/test";
import { fetchStandInEmails } from "./support/resend-stand-in";
import { signIn } from "./support/fixtures";

test("an owner's test email goes through the worker and the Resend SDK to the stand-in", async ({ page }) => {
  const to = `qa+${Date.now()}@hospital.example`;
  await signIn(page, "owner@helix.example");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Send to").fill(to);
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText("Queued.")).toBeVisible();

  const standIn = process.env.E2E_STAND_IN_URL!;
  await expect
    .poll(async () => (await fetchStandInEmails(standIn)).filter((e) => e.to.includes(to)).length, { timeout: 15_000 })
    .toBe(1);
  const [email] = (await fetchStandInEmails(standIn)).filter((e) => e.to.includes(to));
  expect(email?.subject).toBe("Helix Academy: test email");
  expect(email?.text).toContain("Requested by owner@helix.example");
});

test("a market admin has no Settings and the API refuses the test email", async ({ page }) => {
  await signIn(page, "market@helix.example");
  await expect(page).toHaveURL(/\/dashboard\/users$/);
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const response = await page.request.post("/api/trpc/email.sendTest", { data: { json: { to: "x@y.example" } } });
  expect(response.status()).toBe(403);
});
