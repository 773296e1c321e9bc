import { mkdtemp } from "node:fs/promises";
import { shownVersion } from "../testing/signing";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { startS3StandIn } from "../testing/s3-stand-in";
import { createTestDatabase } from "../testing/test-database";
import { attachDocumentFile, detectDocumentType } from "./document-files";
import { diskStore, s3Store } from "./file-store";
import { portalItem } from "./portal";

const { db } = await createTestDatabase();
/** Approving and publishing are signed: the password again, and the statement. */
const signed = { password: demoPassword, statement: true as const };
const store = diskStore(await mkdtemp(path.join(os.tmpdir(), "documents-")));
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF`);
const owner = () => ({ actorId: demo.users.owner, ip: null });

describe("documents' files", () => {
  it("recognises a file by its bytes, not its name", () => {
    expect(detectDocumentType(pdf("x"), "card.pdf")).toEqual({ type: "application/pdf", extension: "pdf" });
    expect(detectDocumentType(pdf("x"), "renamed.exe")).toEqual({ type: "application/pdf", extension: "pdf" });
    expect(detectDocumentType(Buffer.from("PK\u0003\u0004rest"), "slides.pptx")?.extension).toBe("pptx");
    expect(detectDocumentType(Buffer.from("PK\u0003\u0004rest"), "archive.zip")).toBeNull();
    expect(detectDocumentType(Buffer.from("<script>alert(1)</script>"), "page.pdf")).toBeNull();
  });

  it("a file goes into the draft; the published version keeps its own until the next is published; text edits keep the file", async () => {
    const caller = callerFor(db, demo.users.owner);
    const { itemId } = await caller.content.create({
      title: "Alarm card",
      summary: "",
      body: { kind: "document", text: "See the file." },
    });
    const first = await attachDocumentFile(db, store, owner(), itemId, {
      bytes: pdf("first"),
      name: "C:\\Users\\me\\alarm card.pdf",
    });
    expect(first).toMatchObject({ name: "alarm card.pdf", type: "application/pdf" });
    await caller.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await caller.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await caller.content.assign({ itemId, nodeId: demo.nodes.cardiology });
    const seen = await portalItem(db, demo.users.product, itemId);
    expect(seen?.version.body).toMatchObject({ kind: "document", file: { key: first.key } });
    expect(Buffer.from((await store.get(first.key))!).toString()).toContain("first");

    const second = await attachDocumentFile(db, store, owner(), itemId, {
      bytes: pdf("second"),
      name: "alarm card v2.pdf",
    });
    expect((await caller.content.get({ itemId })).open?.body).toMatchObject({ file: { key: second.key } });
    // A text edit of the draft keeps its file.
    await caller.content.saveDraft({
      itemId,
      version: { title: "Alarm card", summary: "Updated", body: { kind: "document", text: "New text." } },
    });
    expect((await caller.content.get({ itemId })).open?.body).toMatchObject({
      text: "New text.",
      file: { key: second.key },
    });
    // Replacing the draft's file removes the draft's old one, never the published one.
    const third = await attachDocumentFile(db, store, owner(), itemId, {
      bytes: pdf("third"),
      name: "alarm card v3.pdf",
    });
    expect(await store.get(second.key)).toBeNull();
    expect(await store.get(first.key)).not.toBeNull();
    expect((await portalItem(db, demo.users.product, itemId))?.version.body).toMatchObject({
      file: { key: first.key },
    });
    await caller.content.approve({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    await caller.content.publish({ itemId, ...signed, ...(await shownVersion(db, itemId)) });
    expect((await portalItem(db, demo.users.product, itemId))?.version.body).toMatchObject({
      file: { key: third.key },
    });
  });

  it("refuses what is not a document's file, too large, or for another kind; nothing is stored", async () => {
    const caller = callerFor(db, demo.users.owner);
    const { itemId } = await caller.content.create({
      title: "Sheet",
      summary: "",
      body: { kind: "document", text: "" },
    });
    await expect(
      attachDocumentFile(db, store, owner(), itemId, { bytes: Buffer.from("MZ executable"), name: "setup.pdf" }),
    ).rejects.toThrow("Choose a PDF");
    await expect(
      attachDocumentFile(db, store, owner(), itemId, {
        bytes: Buffer.alloc(25 * 1024 * 1024 + 1, 0x25),
        name: "big.pdf",
      }),
    ).rejects.toThrow("larger than 25 MB");
    await expect(
      attachDocumentFile(db, store, owner(), itemId, { bytes: Buffer.alloc(0), name: "empty.pdf" }),
    ).rejects.toThrow("The file is empty.");
    const { itemId: productId } = await caller.content.create({
      title: "Pump",
      summary: "",
      body: { kind: "product", text: "" },
    });
    await expect(attachDocumentFile(db, store, owner(), productId, { bytes: pdf("x"), name: "x.pdf" })).rejects.toThrow(
      "Only documents carry a file.",
    );
    expect((await caller.content.get({ itemId })).open?.body).toMatchObject({ file: null });
  });
});

const standIn = await startS3StandIn();
afterAll(() => standIn.close());

describe("an S3-compatible store", () => {
  it("puts, gets and removes objects through the real AWS SDK", async () => {
    process.env.AWS_ACCESS_KEY_ID = "stand-in";
    process.env.AWS_SECRET_ACCESS_KEY = "stand-in-secret";
    const s3 = s3Store({ bucket: "documents", endpoint: standIn.url, region: "eu-north-1" });
    await s3.put("documents/a/b.pdf", pdf("in s3"), "application/pdf");
    expect(standIn.objects.has("/documents/documents/a/b.pdf")).toBe(true);
    expect(Buffer.from((await s3.get("documents/a/b.pdf"))!).toString()).toContain("in s3");
    await s3.remove("documents/a/b.pdf");
    expect(await s3.get("documents/a/b.pdf")).toBeNull();
  });
});
