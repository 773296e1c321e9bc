/**
 * `npm run audit:verify`: seals the audit entries not yet in the hash chain, then walks the whole
 * chain against DATABASE_URL and prints the result: intact up to its last link (write its hash
 * down: a later run must end there or further), or the first broken link. Exits 1 when broken.
 * `-- --expect=SEQ:HASH` also checks that link SEQ still has the hash written down (from an earlier
 * run, an export, or an anchor in the worker's log), which no one inside the database can forge.
 */
import { sql } from "drizzle-orm";
import { ChainNotAnchored, sealAuditLog, verifyAuditChain } from "../server/audit/chain";
import { createDatabase } from "../server/db/client";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required.");
  process.exit(1);
}
const expected = process.argv
  .filter((a) => a.startsWith("--expect="))
  .map((arg) => {
    const m = /^--expect=(\d+):([0-9a-f]{64})$/i.exec(arg);
    if (!m) {
      console.error(`--expect takes SEQ:HASH (a link's number and its 64 hex digits); got ${arg}.`);
      process.exit(2);
    }
    return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
  });
const { db, close } = createDatabase(url, { max: 2 });
const started = performance.now();
let sealed = 0;
try {
  sealed = await sealAuditLog(db);
} catch (error) {
  if (!(error instanceof ChainNotAnchored)) throw error;
  console.log(`Not sealing: ${error.message}.`);
}
const result = await verifyAuditChain(db, { whole: true });
const rewritten: string[] = [];
for (const link of expected) {
  const [row] = await db.execute<{ hash: Buffer }>(sql`select hash from audit_chain where seq = ${link.seq}`);
  if (row?.hash.toString("hex") !== link.hash)
    rewritten.push(`link #${link.seq} ${row ? "has another hash" : "is gone"} than the one written down`);
}
await close();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.intact && rewritten.length === 0) {
  console.log(
    `Intact: ${result.entries.toLocaleString("en-GB")} entries (${sealed} newly sealed) in ${seconds} s.` +
      (expected.length > 0 ? ` The ${expected.length} link(s) written down are unchanged.` : "") +
      (result.erasedEntries > 0
        ? ` ${result.erasedEntries.toLocaleString("en-GB")} of them had a deleted person's values erased.`
        : "") +
      (result.head ? ` Last link #${result.head.seq} (entry ${result.head.entryId}), hash ${result.head.hash}.` : ""),
  );
} else {
  if (result.firstBroken) {
    const broken = result.firstBroken;
    console.log(
      `BROKEN at link #${broken.seq} (entry ${broken.entryId}): ${broken.problem.replaceAll("_", " ")}. ` +
        `${result.entries.toLocaleString("en-GB")} links before it hold.`,
    );
  }
  for (const line of rewritten) console.log(`REWRITTEN: ${line}.`);
  process.exit(1);
}
