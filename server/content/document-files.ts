import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { draftToChange } from "./editing";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { contentItems, contentVersions, type DocumentFile } from "../db/schema";
import { DomainError } from "../domain-error";
import type { FileStore } from "./file-store";

export const documentLimits = { maxBytes: 25 * 1024 * 1024 };

const office = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

/**
 * The type of a document from its first bytes (and, for Office files, which are ZIP archives, the
 * name's extension): PDF, PNG, JPEG, MP4 video, Word, Excel, PowerPoint. Anything else is refused.
 */
export function detectDocumentType(bytes: Uint8Array, fileName: string): { type: string; extension: string } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { type: "application/pdf", extension: "pdf" };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { type: "image/png", extension: "png" };
  if (starts(0xff, 0xd8, 0xff)) return { type: "image/jpeg", extension: "jpg" };
  if (String.fromCharCode(...bytes.slice(4, 8)) === "ftyp") return { type: "video/mp4", extension: "mp4" };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const extension = fileName.toLowerCase().split(".").pop() ?? "";
    if (extension in office) return { type: office[extension as keyof typeof office], extension };
  }
  return null;
}

/** A file name fit to show and to send back in Content-Disposition: no paths, no control characters. */
const cleanName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? "document")
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 200) || "document";

/**
 * Checks an upload the way every file of the installation is checked (documents, files on support
 * issues): not empty, at most 25 MB, and a type we recognise from its bytes. Gives its stored
 * description under a new key in `folder` (ours, never the user's name).
 */
export function inspectUpload(folder: string, upload: { bytes: Uint8Array; name: string }): DocumentFile {
  if (upload.bytes.length === 0) throw new DomainError("BAD_REQUEST", "The file is empty.");
  if (upload.bytes.length > documentLimits.maxBytes)
    throw new DomainError("BAD_REQUEST", "The file is larger than 25 MB. Choose a smaller one or split it.");
  const detected = detectDocumentType(upload.bytes, upload.name);
  if (!detected)
    throw new DomainError(
      "BAD_REQUEST",
      "Choose a PDF, an image (PNG, JPEG), an MP4 video, or a Word, Excel or PowerPoint file.",
    );
  return {
    key: `${folder}/${randomUUID()}.${detected.extension}`,
    name: cleanName(upload.name),
    type: detected.type,
    size: upload.bytes.length,
  };
}

/** Whether the item is a document, which carries a file: asked before an upload's body is read, and again when it is written. */
export async function documentTakesFile(db: DbOrTx, itemId: string): Promise<void> {
  const [item] = await db.select({ kind: contentItems.kind }).from(contentItems).where(eq(contentItems.id, itemId));
  if (!item) throw new DomainError("NOT_FOUND", "No such content.");
  if (item.kind !== "document") throw new DomainError("BAD_REQUEST", "Only documents carry a file.");
}

/**
 * Attaches an uploaded file to a document's draft (a new draft after the published version when
 * none is in the works). Checked for size and type first; stored under a key of ours; the draft's
 * previous file is removed once the change committed, the published version's never.
 */
export async function attachDocumentFile(
  db: Database,
  store: FileStore,
  context: AuditContext,
  itemId: string,
  upload: { bytes: Uint8Array; name: string },
): Promise<DocumentFile> {
  const file = inspectUpload(`documents/${itemId}`, upload);
  await documentTakesFile(db, itemId);
  await store.put(file.key, upload.bytes, file.type);
  let replaced: string | null = null;
  try {
    await db.transaction(async (tx) => {
      await tx.select({ id: contentItems.id }).from(contentItems).where(eq(contentItems.id, itemId)).for("update");
      const versions = await tx
        .select()
        .from(contentVersions)
        .where(
          and(eq(contentVersions.itemId, itemId), inArray(contentVersions.status, ["draft", "approved", "published"])),
        )
        .orderBy(desc(contentVersions.number));
      const inTheWorks = versions.find((v) => v.status !== "published");
      const published = versions.find((v) => v.status === "published");
      const publishedKey = published?.body.kind === "document" ? published.body.file?.key : undefined;
      // An approved version is signed: the file goes into the next version (draftToChange), and
      // the approved one keeps its file.
      const open = inTheWorks ? await draftToChange(tx, context, itemId) : null;
      if (open && open.body.kind === "document") {
        replaced =
          inTheWorks?.status === "draft" && open.body.file?.key && open.body.file.key !== publishedKey
            ? open.body.file.key
            : null;
        await tx
          .update(contentVersions)
          .set({ body: { ...open.body, file } })
          .where(eq(contentVersions.id, open.id));
      } else if (published && published.body.kind === "document") {
        await tx.insert(contentVersions).values({
          itemId,
          number: published.number + 1,
          title: published.title,
          summary: published.summary,
          body: { ...published.body, file },
          createdBy: context.actorId,
        });
      } else {
        throw new DomainError("NOT_FOUND", "No such content.");
      }
      await recordAudit(tx, context, {
        action: "content.file_attached",
        targetType: "content",
        targetId: itemId,
        after: { name: file.name, type: file.type, size: file.size },
      });
    });
  } catch (error) {
    await store.remove(file.key);
    throw error;
  }
  if (replaced) await store.remove(replaced);
  return file;
}
