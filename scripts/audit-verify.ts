/**
 * `npm run audit:verify`: seals the audit entries not yet in the hash chain, then walks the whole
 * chain against DATABASE_URL and prints the result: intact up to its last link (write its hash
 * down: a later run must end there or further), or the first broken link. Exits 1 when broken.
 */
import { sealAuditLog, verifyAuditChain } from "../server/audit/chain";
import { createDatabase } from "../server/db/client";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required.");
  process.exit(1);
}
const { db, close } = createDatabase(url, { max: 2 });
const started = performance.now();
const sealed = await sealAuditLog(db);
const result = await verifyAuditChain(db);
await close();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.intact) {
  console.log(
    `Intact: ${result.entries.toLocaleString("en-GB")} entries (${sealed} newly sealed) in ${seconds} s.` +
      (result.erasedEntries > 0
        ? ` ${result.erasedEntries.toLocaleString("en-GB")} of them had a deleted person's values erased.`
        : "") +
      (result.head ? ` Last link #${result.head.seq} (entry ${result.head.entryId}), hash ${result.head.hash}.` : ""),
  );
} else {
  const broken = result.firstBroken!;
  console.log(
    `BROKEN at link #${broken.seq} (entry ${broken.entryId}): ${broken.problem.replace("_", " ")}. ` +
      `${result.entries.toLocaleString("en-GB")} links before it hold.`,
  );
  process.exit(1);
}
