import { expect, test } from "@playwright/test";
import { activeUser, database, signIn } from "./support/fixtures";

/**
 * The takeover chain an admin of one hospital could try on an admin of another hospital (of a lower
 * rank than theirs: a fellow customer admin is refused by rank already) who is also a plain member
 * of one of their groups: change her login email, reset the password through the new address, sign
 * in as her. It must fail at its first step.
 */
test("a customer admin cannot take over the account of another hospital's group admin placed in their group", async ({
  page,
}) => {
  const email = `rachel.${Date.now()}@royaldevon.example`;
  const rachel = await activeUser({ email, firstName: "Rachel", lastName: "Shared" }, undefined, "Cardiology nurses");
  const sql = database();
  try {
    const [devon] = await sql`select id, path from nodes where name = 'Royal Devon Clinic'`;
    const [endoscopy] = await sql`select id, path from nodes where name = 'Endoscopy unit'`;
    await sql`insert into role_assignments (user_id, role, node_id) values (${rachel}, 'group_admin', ${endoscopy!.id})`;
    await sql`update users set primary_role = 'group_admin' where id = ${rachel}`;
    for (const node of [devon!, endoscopy!])
      await sql`insert into user_scopes (node_id, user_id) values (${node.id}, ${rachel}) on conflict do nothing`;
  } finally {
    await sql.end();
  }

  await signIn(page, "customer@helix.example");
  // Step one, over HTTP: change her login email. Refused, and nothing is recorded or sent.
  const change = await page.request.post("/api/trpc/users.requestEmailChange", {
    data: { json: { userId: rachel, newEmail: "attacker@evil.example" } },
  });
  expect(change.status()).toBe(403);
  expect(JSON.stringify(await change.json())).toContain("outside your scope");
  // Nor any other door to her account: a fresh invitation link, the current one, suspension.
  expect((await page.request.post("/api/trpc/users.invite", { data: { json: { userId: rachel } } })).status()).toBe(
    403,
  );
  expect(
    (
      await page.request.get(
        `/api/trpc/users.invitation?input=${encodeURIComponent(JSON.stringify({ json: { userId: rachel } }))}`,
      )
    ).status(),
  ).toBe(403);
  expect(
    (
      await page.request.post("/api/trpc/users.setSuspended", { data: { json: { userId: rachel, suspended: true } } })
    ).status(),
  ).toBe(403);
  const check = database();
  try {
    const [row] = await check`select pending_email, suspended_at, email from users where id = ${rachel}`;
    expect(row).toMatchObject({ pending_email: null, suspended_at: null, email });
    const [outbox] = await check`select count(*)::int as n from email_outbox where user_id = ${rachel}`;
    expect(outbox?.n).toBe(0);
  } finally {
    await check.end();
  }

  // The page says what they may not do and why, and shows only the placement in their scope.
  await page.goto(`/dashboard/users/${rachel}`);
  await expect(page.getByRole("heading", { name: "Rachel Shared" })).toBeVisible();
  await expect(page.getByTestId("account-refusal")).toContainText("outside your scope");
  await expect(page.getByTestId("placements-outside-scope")).toContainText("one group or role outside your scope");
  await expect(page.getByText("Royal Devon Clinic")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Suspend" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove from Cardiology nurses" })).toBeVisible();
});
