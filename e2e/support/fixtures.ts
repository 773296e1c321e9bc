import { expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { hashPassword } from "../../server/auth/password";

export const demoPassword = "Demo-password-2026";

/** Direct database access, as the app's role, for arranging and asserting state the UI cannot reach. */
export function database() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the e2e suite through `npm test`.");
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** The database's superuser: someone behind the app, who can do what the app's role cannot. */
export function databaseAsSuperuser() {
  const url = process.env.E2E_SUPERUSER_DATABASE_URL;
  if (!url) throw new Error("E2E_SUPERUSER_DATABASE_URL is not set: run the e2e suite through `npm test`.");
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** Signs in through the login form and, unless told the attempt should fail, waits until landed. */
export async function signIn(
  page: Page,
  email: string,
  password = demoPassword,
  options: { expectFailure?: boolean } = {},
) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!options.expectFailure) await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A sign-in that must fail: waits for the server's answer, then for the one generic message. */
export async function failSignIn(page: Page, email: string, password: string) {
  if (!page.url().endsWith("/login")) await page.goto("/login");
  // Hydrated before typing: a click while React attaches can be lost on a cold server.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page.getByRole("alert").filter({ hasText: "That email and password did not work." })).toHaveText(
    "That email and password did not work. Check both and try again. After several failed attempts an account is locked for a while: its owner gets an email with a link to choose a new password.",
  );
  // React resets the form once the action is done (the address comes back, the password not).
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Email")).toHaveValue(email);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/**
 * Puts a fresh Not invited user in a demo group straight in the database (with their scope rows,
 * as the app's refreshUserScopes would), for journeys that need a user of their own. Returns the id.
 */
export async function placeUserInGroup(
  user: { email: string; firstName: string; lastName: string },
  groupName = "Endoscopy unit",
): Promise<string> {
  const sql = database();
  try {
    const [group] = await sql`select id, path from nodes where name = ${groupName}`;
    const [row] =
      await sql`insert into users (email, first_name, last_name) values (${user.email}, ${user.firstName}, ${user.lastName}) returning id`;
    const userId = row!.id as string;
    await sql`insert into memberships (user_id, node_id) values (${userId}, ${group!.id})`;
    // The owner at the root has no scope rows: owner admins see everyone without them.
    for (const nodeId of String(group!.path).split("/").filter(Boolean).slice(1))
      await sql`insert into user_scopes (node_id, user_id) values (${nodeId}, ${userId})`;
    return userId;
  } finally {
    await sql.end();
  }
}

/** A fresh Active user with a password, in a demo group, for journeys that change their account. */
export async function activeUser(
  user: { email: string; firstName: string; lastName: string },
  password = demoPassword,
  groupName = "Endoscopy unit",
): Promise<string> {
  const userId = await placeUserInGroup(user, groupName);
  const sql = database();
  try {
    await sql`update users set password_hash = ${await hashPassword(password)}, status = 'active', activated_at = now() where id = ${userId}`;
    return userId;
  } finally {
    await sql.end();
  }
}

/** A fresh Active admin: a user in a demo group with an admin role at a demo node, as the app would grant it. */
export async function activeAdmin(
  user: { email: string; firstName: string; lastName: string },
  role: "customer_admin" | "group_admin",
  nodeName: string,
  groupName: string,
): Promise<string> {
  const userId = await activeUser(user, demoPassword, groupName);
  const sql = database();
  try {
    const [node] = await sql`select id from nodes where name = ${nodeName}`;
    await sql`insert into role_assignments (user_id, role, node_id) values (${userId}, ${role}, ${node!.id})`;
    await sql`update users set primary_role = ${role} where id = ${userId}`;
    return userId;
  } finally {
    await sql.end();
  }
}

/** The owner signed in, as raw HTTP would carry it: the cookie header, and a demo document's id to upload to. */
export async function ownerUploadTarget(page: Page): Promise<{ cookie: string; documentId: string }> {
  await signIn(page, "owner@helix.example");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const sql = database();
  try {
    return {
      cookie,
      documentId: (await sql`select id from content_items where kind = 'document' limit 1`)[0]!.id as string,
    };
  } finally {
    await sql.end();
  }
}
