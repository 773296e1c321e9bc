import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema";

export interface AuditContext {
  actorId: string | null;
  ip: string | null;
}

/** Writes one audit entry; call it inside the transaction of the change it describes. */
export async function recordAudit(
  tx: DbOrTx,
  context: AuditContext,
  entry: { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: context.actorId,
    ip: context.ip,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
