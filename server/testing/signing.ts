import { randomUUID } from "node:crypto";
import type { Database } from "../db/client";
import { openVersionAsShown, type ShownVersion } from "../content/editing";

/**
 * What a signer's page sends with a signature: the version in the works and the hash of its content,
 * read as the page would read them now (for an item with none, an id and hash that match nothing).
 */
export async function shownVersion(db: Database, itemId: string): Promise<ShownVersion> {
  return (await openVersionAsShown(db, itemId)) ?? { versionId: randomUUID(), contentHash: "0".repeat(64) };
}
