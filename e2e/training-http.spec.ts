import { expect, test, type APIRequestContext } from "@playwright/test";
import { activeUser, database, signIn, signOut } from "./support/fixtures";

/*
 * The training procedures and the certificate page over HTTP, as someone else would call them:
 * signed out, another person, an admin of another hospital, another site's page, bad input.
 */

const query = (request: APIRequestContext, path: string, input: unknown) =>
  request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

test("training records, certificates, reports and a course's period refuse whoever may not, and bad input changes nothing", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  const email = `http.training.${stamp}@royaldevon.example`;
  const personId = await activeUser({ email, firstName: "Hugo", lastName: `Http${stamp % 100000}` });
  const sql = database();
  let royalDevon: string;
  let courseId: string;
  let completionId: string;
  try {
    royalDevon = (await sql`select id from nodes where name like 'Royal Devon%' and kind = 'customer'`)[0]!
      .id as string;
    const [course] = await sql`select i.id, v.id as version_id, v.number from content_items i
      join content_versions v on v.item_id = i.id and v.status = 'published' where i.kind = 'course' limit 1`;
    courseId = course!.id as string;
    // A completion of theirs: the evidence a certificate is made of.
    completionId = (
      await sql`insert into training_completions (user_id, item_id, version_id, version_number)
        values (${personId}, ${courseId}, ${course!.version_id as string}, ${course!.number as number}) returning id`
    )[0]!.id as string;
  } finally {
    await sql.end();
  }

  // Signed out: nothing, and the certificate page sends to sign-in.
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    expect((await query(anonymous, "portal.certificate", { completionId })).status()).toBe(401);
    expect((await query(anonymous, "portal.trainingRecord", undefined)).status()).toBe(401);
    expect((await query(anonymous, "reports.trainingStatus", {})).status()).toBe(401);
    const certificatePage = await anonymous.get(`/portal/training-record/${completionId}`, { maxRedirects: 0 });
    expect(certificatePage.status()).toBeGreaterThanOrEqual(300);
    expect(await certificatePage.text()).not.toContain(`Http${stamp % 100000}`);
  } finally {
    await anonymous.dispose();
  }

  // The person: their certificate, as data and as a page; a malformed or unknown id is refused in words.
  await signIn(page, email);
  const own = await query(page.request, "portal.certificate", { completionId });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain(`Hugo Http${stamp % 100000}`);
  const malformed = await query(page.request, "portal.certificate", { completionId: "1; drop table users" });
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).toContain("No such certificate in your training record.");
  expect((await page.goto("/portal/training-record/not-an-id"))?.status()).toBe(404);
  // A product user reads no report and sets no training period.
  expect((await query(page.request, "reports.trainingStatus", {})).status()).toBe(403);
  expect(
    (
      await page.request.post("/api/trpc/content.setTrainingPeriod", { data: { json: { itemId: courseId, days: 1 } } })
    ).status(),
  ).toBe(403);
  await page.goto("/portal");
  await signOut(page);

  // Another person: the certificate does not exist for them.
  await signIn(page, "user@helix.example");
  expect((await query(page.request, "portal.certificate", { completionId })).status()).toBe(404);
  expect((await page.goto(`/portal/training-record/${completionId}`))?.status()).toBe(404);
  await page.goto("/portal");
  await signOut(page);

  // An admin of another hospital (St Olav): not the person's record, not Royal Devon's report.
  await signIn(page, "customer@helix.example");
  const record = await query(page.request, "users.trainingRecord", { userId: personId });
  expect([403, 404]).toContain(record.status());
  expect(await record.text()).not.toContain(`Http${stamp % 100000}`);
  expect([403, 404]).toContain((await query(page.request, "reports.trainingStatus", { nodeId: royalDevon })).status());
  const theirs = await query(page.request, "reports.trainingStatus", {});
  expect(theirs.status()).toBe(200);
  expect(await theirs.text()).not.toContain(email);
  expect((await query(page.request, "reports.trainingStatus", { nodeId: "x" })).status()).toBe(400);
  await signOut(page);

  // The owner: the training period, from the app's own page only, within bounds.
  await signIn(page, "owner@helix.example");
  const setPeriod = (json: unknown, headers: Record<string, string> = {}) =>
    page.request.post("/api/trpc/content.setTrainingPeriod", { data: { json }, headers });
  const periodNow = async () => {
    const check = database();
    try {
      return (await check`select training_due_days from content_items where id = ${courseId}`)[0]!.training_due_days;
    } finally {
      await check.end();
    }
  };
  const before = await periodNow();
  expect((await setPeriod({ itemId: courseId, days: 5 }, { origin: "https://evil.example" })).status()).toBe(403);
  const tooLong = await setPeriod({ itemId: courseId, days: 100_000 });
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.text()).toContain("A training period is at most 365 days.");
  expect((await setPeriod({ itemId: courseId, days: "thirty" })).status()).toBe(400);
  expect((await setPeriod({ itemId: courseId, days: 2.5 })).status()).toBe(400);
  expect(await periodNow()).toBe(before);
  // Publishing's retraining choice is a yes or a no, nothing else.
  const publish = await page.request.post("/api/trpc/content.publish", {
    data: { json: { itemId: courseId, password: "x", statement: true, retrain: "maybe" } },
  });
  expect(publish.status()).toBe(400);
  // The owner reads the person's record.
  const owners = await query(page.request, "users.trainingRecord", { userId: personId });
  expect(owners.status()).toBe(200);
  expect(await owners.text()).toContain(completionId);
});
