import { expect, test } from "@playwright/test";
import { activeUser, database, signIn, signOut } from "./support/fixtures";

test("a user rates a course at its end and comments; its editor is notified, reads the comment as text and marks it handled", async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now();
  const email = `rater.${stamp}@royaldevon.example`;
  await activeUser({ email, firstName: "Rae", lastName: `Rater${stamp % 10000}` });
  const sql = database();
  let courseId: string;
  try {
    courseId = (
      await sql`select item_id from content_versions where title = 'Helix P1 infusion pump: the basics' and status = 'published'`
    )[0]!.item_id as string;
  } finally {
    await sql.end();
  }
  const comment = `The priming video does not play on the ward PC ${stamp} <img src=x onerror="window.pwned=1">`;

  await signIn(page, email);
  await page.goto(`/portal/items/${courseId}?page=4`);
  const feedback = page.getByRole("region", { name: "You reached the end of the course: how was it?" });
  await expect(feedback).toBeVisible();
  // No rating chosen: said in words, nothing sent.
  await feedback.getByRole("button", { name: "Send feedback" }).click();
  await expect(feedback.getByRole("alert")).toContainText("Choose a rating from 1 to 5 stars.");
  // The second star, as a person clicks it.
  await feedback.getByTitle("Fair").click();
  await expect(feedback.getByRole("radio", { name: "2 stars: Fair" })).toBeChecked();
  await feedback.getByLabel(/Comment/).fill(comment);
  await feedback.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByText("You rated it 2 of 5 (Fair). Thank you.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("You rated it 2 of 5 (Fair). Thank you.")).toBeVisible();
  await expect(page.getByText(comment)).toBeVisible();

  // Over HTTP: a rating outside 1–5, a comment too long, another site's page.
  const give = (json: Record<string, unknown>, headers: Record<string, string> = {}) =>
    page.request.post("/api/trpc/feedback.give", { data: { json }, headers });
  expect((await give({ itemId: courseId, rating: 9, comment: "" })).status()).toBe(400);
  expect((await give({ itemId: courseId, rating: 3, comment: "x".repeat(2_001) })).status()).toBe(400);
  expect((await give({ itemId: courseId, rating: 5, comment: "" }, { origin: "https://evil.example" })).status()).toBe(
    403,
  );
  // Reading the feedback is for admins.
  const summary = `/api/trpc/feedback.summary?input=${encodeURIComponent(JSON.stringify({ json: { itemId: courseId, page: 1 } }))}`;
  expect((await page.request.get(summary)).status()).toBe(403);
  await page.reload();
  await expect(page.getByText("You rated it 2 of 5 (Fair). Thank you.")).toBeVisible();
  await signOut(page);

  // The course's editor (the owner admin who wrote it) is told, and reads it as text.
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/notifications");
  const notice = page.getByRole("listitem").filter({ hasText: `ward PC ${stamp}` });
  await expect(notice).toContainText("A low rating for Helix P1 infusion pump: the basics");
  await notice.getByRole("link", { name: "Read the feedback" }).click();
  const panel = page.getByRole("region", { name: "Feedback" });
  await expect(panel).toBeVisible();
  const entry = panel.getByRole("listitem").filter({ hasText: comment });
  await expect(entry).toContainText(`Rae Rater${stamp % 10000}`);
  await expect(entry).toContainText("Open");
  await entry.getByRole("button", { name: "Mark as handled" }).click();
  await expect(entry).toContainText("Handled");
  await panel.getByLabel("Comments with").selectOption("5");
  await expect(panel.getByRole("listitem").filter({ hasText: comment })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
