import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "../env";

/*
 * What vouches for the audit chain from outside its database: a MAC under a key derived from
 * AUTH_SECRET, which lives in the app's and the worker's environment and never in the database.
 * Someone who can write to the database (its superuser, or a stolen backup restored and edited)
 * can recompute the chain's links after an edited entry, but not the MACs: the anchored hashes no
 * longer match, or the links after the last anchor hold no anchor. Verification records are MAC'd
 * the same way, so the next verification can trust where the last one ended.
 */

const anchorKey = (): Buffer =>
  Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "medtech-access", "audit-anchor", 32));

/** Which key made a MAC: anchors made under another AUTH_SECRET are named, not silently trusted. */
export const anchorKeyId = (): string => createHash("sha256").update(anchorKey()).digest("hex").slice(0, 16);

/** The MAC of a statement about the chain: its kind, then its fields, each on its own line. */
export function chainMac(kind: "anchor" | "verification", fields: (string | number | boolean)[]): Buffer {
  return createHmac("sha256", anchorKey())
    .update([`audit-${kind}`, ...fields.map(String)].join("\n"))
    .digest();
}

/** Whether a stored MAC is the one this installation's key makes for those fields. */
export function macHolds(
  mac: Buffer,
  keyId: string,
  kind: "anchor" | "verification",
  fields: (string | number | boolean)[],
): boolean {
  const expected = chainMac(kind, fields);
  return keyId === anchorKeyId() && mac.length === expected.length && timingSafeEqual(mac, expected);
}

/** The anchor's MAC covers the link's number and hash. */
export const anchorFields = (seq: number, hash: Buffer) => [seq, hash.toString("hex")];
