import { expect, type Page } from "@playwright/test";
import postgres from "postgres";

export const demoPassword = "Demo-password-2026";

/** Direct database access for arranging and asserting state the UI cannot reach. */
export function database() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the e2e suite through `npm test`.");
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** Signs in through the login form and, unless told the attempt should fail, waits until landed. */
export async function signIn(page: Page, email: string, password = demoPassword, options: { expectFailure?: boolean } = {}) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!options.expectFailure) await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
