import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { activeUser, signIn } from "./support/fixtures";

test("a person downloads their own data from the portal as JSON, with nothing secret in it", async ({ page }) => {
  const email = `my.data.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Dana", lastName: "Porter" });
  await signIn(page, email);
  await page.goto("/portal/profile");
  await page.waitForLoadState("networkidle");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await file.path())!, "utf8");
  const data = JSON.parse(text) as {
    account: { email: string; first_name: string };
    records: Record<string, Record<string, unknown[]>>;
  };
  expect(data.account).toMatchObject({ email, first_name: "Dana" });
  // The sign-in just made, and the session it opened.
  expect(data.records.login_attempts?.user_id?.length).toBeGreaterThan(0);
  expect(data.records.user_sessions?.user_id?.length).toBeGreaterThan(0);
  expect(text).not.toMatch(/password_hash|totp_secret|token_hash|code_hash/);
});
