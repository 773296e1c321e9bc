import { startBulkOperation } from "../../../bulk/operations";
import { DomainError } from "../../../domain-error";
import { planOrganisationImport, summariseImportPlan } from "../../../organisation/import-organisation";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { organisationImportCheckInput, organisationImportInput } from "./import.schema";

/** The dry run: every line checked against the tree and the admin's scope, nothing written. */
export async function organisationImportCheckHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof organisationImportCheckInput>) {
  return summariseImportPlan(await planOrganisationImport(ctx.db, ctx.actor, input.csv));
}

/**
 * Starts the import once the whole file is sound (a tree half-imported is worse than none): one
 * operation whose items are the file's lines, applied by a worker parents first, with progress.
 */
export async function organisationImportHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof organisationImportInput>) {
  const plan = await planOrganisationImport(ctx.db, ctx.actor, input.csv);
  const problems = plan.lines.filter((line) => line.errors.length > 0).length;
  if (problems > 0)
    throw new DomainError(
      "PRECONDITION_FAILED",
      `${problems === 1 ? "1 line has a problem" : `${problems.toLocaleString("en-GB")} lines have problems`}: check the file, fix ${problems === 1 ? "it" : "them"} and import again. Nothing was imported.`,
    );
  if (plan.lines.length === 0) throw new DomainError("BAD_REQUEST", "The file has no lines below its header.");
  return startBulkOperation(ctx.db, ctx.actor, ctx.audit, {
    kind: "import_organisation",
    requestKey: input.requestKey,
    nodeId: null,
    params: { csv: input.csv },
    items: plan.order.map((index) => {
      const { line, name } = plan.lines[index]!;
      return { position: line, targetId: null, label: `Line ${line}: ${name}` };
    }),
  });
}
