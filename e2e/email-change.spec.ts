import { expect, test } from "@playwright/test";
import { database, placeUserInGroup, signIn, signOut } from "./support/fixtures";

test("an owner changes a user's email; the new address becomes the login only through the link, once", async ({
  page,
}) => {
  const tag = `mail${Date.now()}`;
  const userId = await placeUserInGroup({ email: `${tag}@royaldevon.example`, firstName: "Mail", lastName: "Changer" });

  await signIn(page, "owner@helix.example");
  await page.goto(`/dashboard/users/${userId}`);
  await page.getByRole("button", { name: "Change email" }).click();
  await page.getByLabel("New email address").fill(`${tag}.new@royaldevon.example`);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(`${tag}.new@royaldevon.example`);

  const check = database();
  let link: string;
  try {
    const [mail] =
      await check`select text from email_outbox where to_address = ${`${tag}.new@royaldevon.example`} and kind = 'email_change'`;
    link = /https?:\/\/\S+\/confirm-email\/[A-Za-z0-9_-]{43}/.exec(String(mail!.text))![0];
  } finally {
    await check.end();
  }

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Confirm your new sign-in address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my new address" }).click();
  await expect(page.getByRole("status")).toContainText(`you now sign in with ${tag}.new@royaldevon.example`);
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  await page.goto(`/dashboard/users/${userId}`);
  await expect(page.getByRole("region", { name: "Account" })).toContainText(`${tag}.new@royaldevon.example`);
  await expect(page.getByTestId("pending-email")).toHaveCount(0);

  // A photo: uploaded from the page, served only to admins who may see the user.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64",
  );
  await page.getByLabel("Add a photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  const photo = page.getByRole("img", { name: "Photo of Mail Changer" });
  await expect(photo).toBeVisible();
  const src = (await photo.getAttribute("src"))!;
  const served = await page.request.get(src);
  expect([served.status(), served.headers()["content-type"]]).toEqual([200, "image/png"]);
  await page
    .getByLabel("Change photo")
    .setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
  await expect(
    page.getByRole("alert").filter({ hasText: "The photo must be a PNG, JPEG or WebP image." }),
  ).toBeVisible();
  await signOut(page);
  await signIn(page, "customer@helix.example");
  expect((await page.request.get(src)).status()).toBe(404);
});
