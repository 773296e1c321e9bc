import { listAudit } from "../../../audit/list-audit";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { listAuditInput } from "./list.schema";

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000);

export function listAuditHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof listAuditInput>) {
  return listAudit(ctx.db, ctx.actor, {
    pageSize: input.pageSize,
    before: input.cursor,
    from: input.from ? new Date(`${input.from}T00:00:00Z`) : undefined,
    until: input.to ? dayAfter(input.to) : undefined,
  });
}
