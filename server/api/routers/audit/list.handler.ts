import type { z } from "zod";
import { listAudit } from "../../../audit/list-audit";
import type { AuthedContext } from "../../trpc";
import type { listAuditInput } from "./list.schema";

export function listAuditHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listAuditInput> }) {
  return listAudit(ctx.db, ctx.actor, { pageSize: input.pageSize, before: input.cursor });
}
