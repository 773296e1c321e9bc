import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { databaseAsSuperuser, signIn, signOut } from "./support/fixtures";

// One after the other: the last changes an entry behind the app for a moment, which the others
// would see as a broken trail; and a whole check runs at most once a minute.
test.describe.configure({ mode: "serial" });

test("an owner checks the audit trail and exports today's entries as CSV and JSON, with the check inside", async ({
  page,
}) => {
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  // The first check of the installation reads every entry; the next, those added since.
  await page.getByRole("button", { name: "Check new entries" }).click();
  const intact = page.getByRole("status").filter({ hasText: "Intact" });
  await expect(intact).toContainText(/Intact: all [\d,]+ entries are as they were recorded\./);
  await expect(intact).toContainText(/[0-9a-f]{64}/);
  await expect(page.getByText(/^Last checked .*: intact through link #[\d,]+\.$/)).toBeVisible();
  await page.getByRole("button", { name: "Check new entries" }).click();
  await expect(intact).toContainText(/Intact: the \d+ entr(y|ies) added since the last check \(link #[\d,]+\)/);

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await readFile((await (await csvDownload).path())!, "utf8");
  expect(csv).toMatch(/^\uFEFFverified_at,checked,intact,from_link,last_link,last_hash/);
  expect(csv.split("\r\n")[1]).toMatch(/,since the check before,yes,\d+,\d+,[0-9a-f]{64},,,,\d+$/);
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

test("other admins read the latest check and export it, and may not run one, over HTTP either", async ({ page }) => {
  await signIn(page, "customer@helix.example");
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^Last checked .*: intact through link #[\d,]+\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Check/ })).toHaveCount(0);
  const refused = await page.request.post("/api/trpc/audit.verify", { data: { json: { whole: true } } });
  expect(refused.status()).toBe(403);

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download JSON" }).click();
  const json = JSON.parse(await readFile((await (await jsonDownload).path())!, "utf8")) as {
    verification: { intact: boolean; whole: boolean; throughSeq: number };
  };
  expect(json.verification).toMatchObject({ intact: true, whole: false });
  await signOut(page);
  const anonymous = await page.request.post("/api/trpc/audit.verify", { data: { json: {} } });
  expect(anonymous.status()).toBe(401);
});

test("a check asked in a wrong shape, from another site or with a huge body changes nothing", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  const verify = (data: unknown, headers: Record<string, string> = {}) =>
    page.request.post("/api/trpc/audit.verify", { data: { json: data }, headers });
  const checks = async () => {
    const last = await page.request.get("/api/trpc/audit.lastVerification");
    return JSON.stringify(((await last.json()) as { result: unknown }).result);
  };
  const before = await checks();
  expect((await verify({ whole: "yes" })).status()).toBe(400);
  expect((await verify({ whole: false, from: 0 })).status()).toBe(400);
  expect((await verify({ whole: false }, { origin: "https://evil.example" })).status()).toBe(403);
  expect((await verify({ whole: false }, { "sec-fetch-site": "cross-site" })).status()).toBe(403);
  expect((await verify({ whole: false, pad: "x".repeat(5 * 1024 * 1024) })).status()).toBe(413);
  // None of them ran a check.
  expect(await checks()).toBe(before);
});

test("an entry changed in the database behind the app is named by the whole trail's check", async ({ page }) => {
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/audit");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Check new entries" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Intact" })).toBeVisible();

  const sql = databaseAsSuperuser();
  try {
    // A superuser with the triggers off, as only someone behind the app could: one entry's words changed.
    const [target] =
      await sql`select a.id, a.action from audit_log a join audit_chain c on c.entry_id = a.id order by c.seq limit 1`;
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update audit_log set action = 'nothing.happened' where id = ${target!.id}`;
    });
    try {
      await page.getByRole("button", { name: "Check the whole trail" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Broken at link" })).toContainText(
        `(entry ${target!.id}): the entry was changed after it was recorded.`,
      );
      await expect(page.getByText(/^Last checked .*: broken at link #1: the entry was changed/)).toBeVisible();
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
