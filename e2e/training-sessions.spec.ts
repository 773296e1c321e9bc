import { expect, test } from "@playwright/test";
import { activeUser, database, signIn, signOut } from "./support/fixtures";

const workshop = "Hands-on workshop: P1 in theatre";

test("a teacher-led session leaves evidence: the nurse says she will attend, the trainer records that she did, and it is in her training record", async ({
  page,
}) => {
  // Several pages for two people: a long journey's budget.
  test.slow();
  const email = `session.${Date.now()}@stolav.example`;
  await activeUser({ email, firstName: "Sigrid", lastName: "Session" }, undefined, "Cardiology nurses");
  const sql = database();
  let itemId: string;
  try {
    itemId = (
      await sql`select i.id from content_items i join content_versions v on v.item_id = i.id
        where v.title = ${workshop} and v.status = 'published'`
    )[0]!.id as string;
  } finally {
    await sql.end();
  }

  // The nurse answers from the session's page.
  await signIn(page, email);
  await page.goto(`/portal/items/${itemId}`);
  const answer = page.getByRole("region", { name: "Will you attend?" });
  await expect(answer.getByRole("status")).toHaveText("Tell the trainer whether to expect you.");
  await answer.getByRole("button", { name: "I will attend" }).click();
  await expect(answer.getByRole("status")).toHaveText(
    "You said you will attend. The trainer records your attendance on the day.",
  );
  await expect(answer.getByRole("button", { name: "I will attend" })).toHaveAttribute("aria-pressed", "true");
  await signOut(page);

  // Her hospital's customer admin records that she attended.
  await signIn(page, "customer@helix.example");
  await page.goto(`/dashboard/content/${itemId}`);
  const attendance = page.getByRole("region", { name: "Attendance" });
  const row = attendance.getByTestId("attendance-row").filter({ hasText: email });
  await expect(row).toContainText("Attending");
  await expect(attendance.getByRole("button", { name: "Save attendance" })).toBeDisabled();
  await row.getByRole("checkbox", { name: "Sigrid Session attended" }).check();
  await attendance.getByRole("button", { name: "Save attendance" }).click();
  await expect(attendance.getByRole("status")).toHaveText("Saved: 1 person's attendance.");
  // The progress report counts a session by who was invited and who attended.
  await page.goto("/dashboard/reports");
  await page.getByLabel("Course or session").selectOption({ label: `${workshop} (session)` });
  await expect(page.getByRole("columnheader", { name: "Attended" }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /Cardiology nurses/ }).first()).toBeVisible();
  await signOut(page);

  // The evidence: in her training record, with its version, and on the session's page.
  await signIn(page, email);
  await page.goto("/portal/training-record");
  await expect(page.getByTestId("training-row").filter({ hasText: workshop })).toContainText("1");
  await page.goto(`/portal/items/${itemId}`);
  await expect(page.getByRole("status").filter({ hasText: "You attended" })).toContainText(
    "it is in your training record",
  );
});
