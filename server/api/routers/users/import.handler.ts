import { startBulkOperation } from "../../../bulk/operations";
import { checkImportRows, parseUsersCsv } from "../../../users/import-users";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { importCheckInput, importInput } from "./import.schema";

/** The dry run: every row checked, nothing written. Lists each invalid row and a preview of the valid ones. */
export async function importCheckHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof importCheckInput>) {
  if (input.defaultGroupId) await ctx.require("user.create", input.defaultGroupId);
  const rows = await checkImportRows(ctx.db, ctx.actor, input.csv, input.defaultGroupId);
  const invalid = rows.filter((r) => r.errors.length > 0);
  const valid = rows.filter((r) => r.errors.length === 0);
  return {
    total: rows.length,
    firstLine: rows[0]?.line ?? 2,
    lastLine: rows.at(-1)?.line ?? 1,
    validCount: valid.length,
    invalid: invalid.slice(0, 500).map(({ line, email, errors }) => ({ line, email, errors })),
    preview: valid
      .slice(0, 10)
      .map(({ line, email, firstName, lastName, groupPath }) => ({ line, email, firstName, lastName, groupPath })),
  };
}

/**
 * Starts the import: one operation whose items are the file's lines, done by the workers in chunks
 * of lines, each chunk in one transaction with every row checked again there.
 */
export async function importHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof importInput>) {
  if (input.defaultGroupId) await ctx.require("user.create", input.defaultGroupId);
  const { rows, firstLine } = parseUsersCsv(input.csv);
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "import_users",
    requestKey: input.requestKey,
    nodeId: null,
    params: { csv: input.csv, defaultGroupId: input.defaultGroupId },
    items: rows.map((row, index) => ({
      position: firstLine + index,
      targetId: null,
      label: `Line ${firstLine + index}${row.email.trim() ? `: ${row.email.trim()}` : ""}`,
    })),
  });
}
