import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";
import { loadActor } from "../../../scope";
import { appShellOf } from "../../../users/app-shell";
import { readUserPhoto } from "../../../users/photo";

const uploadDir = await mkdtemp(path.join(os.tmpdir(), "photos-"));
const { db } = await createTestDatabase({ UPLOAD_DIR: uploadDir });
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);

// The smallest valid PNG: a 1×1 transparent pixel.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const photoFiles = async () =>
  (await readdir(path.join(uploadDir, "photos")).catch(() => [] as string[])).filter((f) => !f.endsWith(".part"));

describe("users' photos", () => {
  it("an admin in scope sets, replaces and removes a photo; the old file goes, the URL changes", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    await customer.users.setPhoto({ userId: target.id, base64: png.toString("base64") });
    const first = (await customer.users.byId({ userId: target.id })).photoUrl;
    expect(first).toMatch(new RegExp(`^/api/users/${target.id}/photo\\?v=`));
    expect((await readUserPhoto(db, uploadDir, target.id))?.type).toBe("image/png");

    await customer.users.setPhoto({ userId: target.id, base64: png.toString("base64") });
    const second = (await customer.users.byId({ userId: target.id })).photoUrl;
    expect(second).not.toBe(first);
    expect((await photoFiles()).filter((f) => f.startsWith(target.id))).toHaveLength(1);

    await customer.users.removePhoto({ userId: target.id });
    expect((await customer.users.byId({ userId: target.id })).photoUrl).toBeNull();
    expect((await photoFiles()).filter((f) => f.startsWith(target.id))).toHaveLength(0);
  });

  it("refuses a file that is not a PNG, JPEG or WebP whatever its name, or is over 2 MB, changing nothing", async () => {
    const target = await freshUserIn("orTechs");
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    const html = Buffer.from("<html><script>alert(1)</script></html>").toString("base64");
    await expect(owner.users.setPhoto({ userId: target.id, base64: html })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The photo must be a PNG, JPEG or WebP image.",
    });
    const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]).toString("base64");
    await expect(owner.users.setPhoto({ userId: target.id, base64: big })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await snapshot()).toEqual(before);
    expect((await photoFiles()).filter((f) => f.startsWith(target.id))).toHaveLength(0);
  });

  it("outside the scope: NOT_FOUND, no file written", async () => {
    const target = await freshUserIn("endoscopy");
    await expect(
      callerFor(db, demo.users.customer).users.setPhoto({ userId: target.id, base64: png.toString("base64") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(db, demo.users.customer).users.removePhoto({ userId: target.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await photoFiles()).filter((f) => f.startsWith(target.id))).toHaveLength(0);
  });

  it("isolation matrix: the photo's bytes go to the person and admins who may see them; to nobody else, nor over HTTP", async () => {
    const target = await freshUserIn("orTechs");
    await callerFor(db, demo.users.customer).users.setPhoto({ userId: target.id, base64: png.toString("base64") });
    const photoAs = (who: string, source: "http" | "server" = "server") =>
      callerFor(db, who, source)
        .users.photoFile({ userId: target.id })
        .then(
          (photo) => photo.type,
          (error: { code?: string }) => error.code,
        );
    expect(await photoAs(target.id)).toBe("image/png");
    expect(await photoAs(demo.users.customer)).toBe("image/png");
    expect(await photoAs(demo.users.market)).toBe("image/png");
    for (const who of [demo.users.clinicUser, demo.users.group, demo.users.product])
      expect(await photoAs(who)).toBe("NOT_FOUND");
    expect(await photoAs(demo.users.customer, "http")).toBe("NOT_FOUND");
  });

  it("deleting a user removes their photo file too", async () => {
    const target = await freshUserIn("orTechs");
    const owner = callerFor(db, demo.users.owner);
    await owner.users.setPhoto({ userId: target.id, base64: png.toString("base64") });
    await owner.users.delete({ userId: target.id, confirmEmail: target.email });
    expect((await photoFiles()).filter((f) => f.startsWith(target.id))).toHaveLength(0);
  });
});

describe("a user's manager", () => {
  it("is set to someone the admin can see, shown by name, and left alone when not sent", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    const base = { userId: target.id, firstName: "Matrix", lastName: "Managed", phone: null, position: null };
    await customer.users.updatePersonalData({ ...base, managerId: demo.users.group });
    expect((await customer.users.byId({ userId: target.id })).managerName).toBe("Gustav Lien");
    await customer.users.updatePersonalData(base);
    expect((await customer.users.byId({ userId: target.id })).managerId).toBe(demo.users.group);
    await customer.users.updatePersonalData({ ...base, managerId: null });
    expect((await customer.users.byId({ userId: target.id })).managerId).toBeNull();
  });

  it("refuses a manager outside the admin's scope (NOT_FOUND) and the user themself", async () => {
    const target = await freshUserIn("orTechs");
    const customer = callerFor(db, demo.users.customer);
    const base = { userId: target.id, firstName: "Matrix", lastName: "Managed", phone: null, position: null };
    await expect(customer.users.updatePersonalData({ ...base, managerId: demo.users.devonUser })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    await expect(customer.users.updatePersonalData({ ...base, managerId: target.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const [row] = await db.select({ managerId: users.managerId }).from(users).where(eq(users.id, target.id));
    expect(row?.managerId).toBeNull();
  });
});

describe("the avatar above the menu", () => {
  it("shows the person's own photo once they have one, and their initials before", async () => {
    const target = await freshUserIn("orTechs");
    const actor = (await loadActor(db, target.id))!;
    expect((await appShellOf(db, actor)).photoUrl).toBeNull();
    await callerFor(db, demo.users.customer).users.setPhoto({ userId: target.id, base64: png.toString("base64") });
    const shell = await appShellOf(db, actor);
    expect(shell.photoUrl).toBe((await callerFor(db, demo.users.customer).users.byId({ userId: target.id })).photoUrl);
  });
});
