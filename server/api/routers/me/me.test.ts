import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { callerFor } from "../../../testing/callers";
import { createTestDatabase } from "../../../testing/test-database";
import { readUserPhoto } from "../../../users/photo";

const uploadDir = await mkdtemp(path.join(os.tmpdir(), "profile-photos-"));
const { db } = await createTestDatabase({ UPLOAD_DIR: uploadDir });
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

describe("one's own profile", () => {
  it("a product user edits their own personal data and photo, audited; bad input changes nothing", async () => {
    const me = callerFor(db, demo.users.product).me;
    await me.updateProfile({
      firstName: "Ingrid",
      lastName: "Nilsen-Berg",
      phone: "+47 22 33 44 55",
      position: "Charge nurse",
    });
    expect((await db.select().from(users).where(eq(users.id, demo.users.product)))[0]).toMatchObject({
      lastName: "Nilsen-Berg",
      phone: "+47 22 33 44 55",
      position: "Charge nurse",
    });
    expect(
      (await db.select().from(auditLog).where(eq(auditLog.action, "user.updated"))).some(
        (e) => e.targetId === demo.users.product && e.actorId === demo.users.product,
      ),
    ).toBe(true);

    await expect(me.updateProfile({ firstName: "", lastName: "X", phone: null, position: null })).rejects.toThrow(
      "Enter a first name.",
    );
    await expect(me.updateProfile({ firstName: "I", lastName: "N", phone: "call me", position: null })).rejects.toThrow(
      "Enter a phone number",
    );
    expect((await db.select().from(users).where(eq(users.id, demo.users.product)))[0]).toMatchObject({
      lastName: "Nilsen-Berg",
    });

    await me.setPhoto({ base64: png.toString("base64") });
    expect(await readUserPhoto(db, uploadDir, demo.users.product)).toMatchObject({ type: "image/png" });
    await expect(me.setPhoto({ base64: Buffer.from("not an image").toString("base64") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await me.removePhoto();
    expect(await readUserPhoto(db, uploadDir, demo.users.product)).toBeNull();
  });

  it("signed out, nothing", async () => {
    await expect(
      callerFor(db, null).me.updateProfile({ firstName: "A", lastName: "B", phone: null, position: null }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
