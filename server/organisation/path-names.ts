import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { nodes } from "../db/schema";

/**
 * The names along each materialised path, from the top; the owner at the root is kept only when
 * the path is the owner itself. One query for all the paths.
 */
export async function pathNames(db: DbOrTx, paths: readonly string[]): Promise<Map<string, string[]>> {
  const idsOf = (path: string) => path.split("/").filter(Boolean);
  const ids = [...new Set(paths.flatMap(idsOf))];
  const rows = ids.length
    ? await db.select({ id: nodes.id, name: nodes.name }).from(nodes).where(inArray(nodes.id, ids))
    : [];
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return new Map(
    paths.map((path) => {
      const steps = idsOf(path);
      const shown = steps.length > 1 ? steps.slice(1) : steps;
      return [path, shown.map((id) => names.get(id) ?? "?")];
    }),
  );
}
