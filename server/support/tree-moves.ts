import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

/**
 * A part of the tree moved (its paths rewritten from `oldPath` to `newPath` in this transaction):
 * the issues reported inside it move with it. An issue keeps a copy of where its reporter sat (the
 * path, and the market above) so that its readers are found by index; the copy follows the tree
 * in the same transaction, so the new market's admins read the issue at once and the old one's
 * never again.
 */
export async function moveIssuesWithTree(tx: DbOrTx, oldPath: string, newPath: string): Promise<void> {
  await tx.execute(sql`
    update support_issues set
      scope_path = ${newPath} || substr(scope_path, ${oldPath.length + 1}),
      market_id = (select n.id from nodes n
                   where n.kind = 'market' and (${newPath} || substr(scope_path, ${oldPath.length + 1})) like n.path || '%'
                   limit 1)
    where scope_path like ${`${oldPath}%`}`);
}
