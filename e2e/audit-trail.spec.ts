import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { database, signIn } from "./support/fixtures";

// One after the other: the second changes an entry behind the app for a moment, which the first
// would see as a broken trail.
test.describe.configure({ mode: "serial" });

test("an owner verifies the audit trail and exports today's entries as CSV and JSON, with the verification inside", async ({
  page,
}) => {
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Verify the audit trail" }).click();
  const intact = page.getByRole("status").filter({ hasText: "Intact" });
  await expect(intact).toContainText(/Intact: all [\d,]+ entries are as they were recorded\./);
  await expect(intact).toContainText(/[0-9a-f]{64}/);

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await readFile((await (await csvDownload).path())!, "utf8");
  expect(csv).toMatch(/^\uFEFFverified_at,intact,entries_in_chain,last_link,last_hash/);
  expect(csv.split("\r\n")[1]).toMatch(/,yes,\d+,\d+,[0-9a-f]{64},,,,\d+$/);
  expect(csv).toContain("id,at,actor,action,target_type,target_id,target,before,after,ip,chain_link,chain_hash");
  expect(csv).toContain("audit.verified");

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download JSON" }).click();
  const json = JSON.parse(await readFile((await (await jsonDownload).path())!, "utf8")) as {
    period: { from: string; to: string };
    verification: { intact: boolean };
    entries: { action: string; at: string }[];
  };
  expect(json.period).toEqual({ from: today, to: today });
  expect(json.verification.intact).toBe(true);
  expect(json.entries.every((e) => e.at.startsWith(today))).toBe(true);
});

test("an entry changed in the database behind the app is named by the next verification", async ({ page }) => {
  // A first check seals every entry so far.
  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  const verify = page.getByRole("button", { name: "Verify the audit trail" });
  await verify.click();
  await expect(page.getByRole("status").filter({ hasText: "Intact" })).toBeVisible();

  const sql = database();
  try {
    // A superuser with the triggers off, as only someone behind the app could: one entry's words changed.
    const [target] =
      await sql`select a.id, a.action from audit_log a join audit_chain c on c.entry_id = a.id order by c.seq limit 1`;
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update audit_log set action = 'nothing.happened' where id = ${target!.id}`;
    });
    try {
      await verify.click();
      await expect(page.getByRole("alert").filter({ hasText: "Broken at link" })).toContainText(
        `(entry ${target!.id}): the entry was changed after it was recorded.`,
      );
    } finally {
      await sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`update audit_log set action = ${target!.action} where id = ${target!.id}`;
      });
    }
  } finally {
    await sql.end();
  }
});
