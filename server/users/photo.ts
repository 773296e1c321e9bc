import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { DomainError } from "../domain-error";

export const photoLimits = { maxBytes: 2 * 1024 * 1024, types: ["image/png", "image/jpeg", "image/webp"] as const };
type PhotoType = (typeof photoLimits.types)[number];
const extension: Record<PhotoType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** The image type from the file's first bytes, never from its name or the browser's claim. */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return "image/webp";
  return null;
}

export function contentTypeOf(photoPath: string): PhotoType {
  const ext = path.extname(photoPath).slice(1);
  return (Object.entries(extension).find(([, e]) => e === ext)?.[0] as PhotoType | undefined) ?? "image/jpeg";
}

/** Stored paths are relative to the upload folder and never leave it. */
function absolute(uploadDir: string, relative: string): string {
  const root = path.resolve(uploadDir);
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("photo path outside the upload folder");
  return full;
}

/**
 * Sets a user's photo: checked for size and type, written under a new random name (so caches of
 * the old one cannot show it), recorded, and the previous file removed once the change committed.
 */
export async function setUserPhoto(
  db: Database,
  context: AuditContext,
  uploadDir: string,
  userId: string,
  bytes: Uint8Array,
): Promise<void> {
  if (bytes.byteLength === 0) throw new DomainError("BAD_REQUEST", "The file is empty.");
  if (bytes.byteLength > photoLimits.maxBytes)
    throw new DomainError("BAD_REQUEST", "The photo is larger than 2 MB. Choose a smaller one.");
  const type = detectImageType(bytes);
  if (!type) throw new DomainError("BAD_REQUEST", "The photo must be a PNG, JPEG or WebP image.");
  const relative = path.join("photos", `${userId}-${randomUUID()}.${extension[type]}`);
  const target = absolute(uploadDir, relative);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(`${target}.part`, bytes);
  await rename(`${target}.part`, target);
  let previous: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ photoPath: users.photoPath })
        .from(users)
        .where(eq(users.id, userId))
        .for("update");
      if (!user) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
      previous = user.photoPath;
      await tx.update(users).set({ photoPath: relative, updatedAt: new Date() }).where(eq(users.id, userId));
      await recordAudit(tx, context, {
        action: "user.photo_changed",
        targetType: "user",
        targetId: userId,
        after: { type, bytes: bytes.byteLength },
      });
    });
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  if (previous) await rm(absolute(uploadDir, previous), { force: true });
}

export async function removeUserPhoto(
  db: Database,
  context: AuditContext,
  uploadDir: string,
  userId: string,
): Promise<void> {
  let previous: string | null = null;
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ photoPath: users.photoPath })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user?.photoPath) return;
    previous = user.photoPath;
    await tx.update(users).set({ photoPath: null, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, context, { action: "user.photo_removed", targetType: "user", targetId: userId });
  });
  if (previous) await rm(absolute(uploadDir, previous), { force: true });
}

/** Removes a photo file whose user is gone (deleted): nothing of a deleted person stays behind. */
export async function removePhotoFile(uploadDir: string, relative: string | null): Promise<void> {
  if (relative) await rm(absolute(uploadDir, relative), { force: true });
}

/** The photo's bytes and type, or null when the user has none (or its file went missing). */
export async function readUserPhoto(
  db: DbOrTx,
  uploadDir: string,
  userId: string,
): Promise<{ bytes: Buffer; type: PhotoType } | null> {
  const [user] = await db.select({ photoPath: users.photoPath }).from(users).where(eq(users.id, userId));
  if (!user?.photoPath) return null;
  try {
    return { bytes: await readFile(absolute(uploadDir, user.photoPath)), type: contentTypeOf(user.photoPath) };
  } catch {
    return null;
  }
}
