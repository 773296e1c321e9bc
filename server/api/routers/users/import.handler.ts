import type { z } from "zod";
import { checkImportRows, importUsers } from "../../../users/import-users";
import type { AuthedContext } from "../../trpc";
import type { importCheckInput, importChunkInput } from "./import.schema";

/** The dry run: every row checked, nothing written. Lists each invalid row and a preview of the valid ones. */
export async function importCheckHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof importCheckInput>;
}) {
  if (input.defaultGroupId) await ctx.requireNode("user.create", input.defaultGroupId);
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

export async function importChunkHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof importChunkInput>;
}) {
  if (input.defaultGroupId) await ctx.requireNode("user.create", input.defaultGroupId);
  const result = await importUsers(ctx.db, ctx.audit, ctx.actor, input);
  return { created: result.created.length, skipped: result.skipped };
}
