import { sealAuditLog, verifyAuditChain } from "../../../audit/chain";
import { recordAudit } from "../../../audit/record-audit";
import type { AuthedContext } from "../../trpc";

/**
 * Seals what is not sealed yet, then walks the whole chain: intact, or the first broken link. The
 * verification is itself recorded, with its result.
 */
export async function verifyHandler({ ctx }: { ctx: AuthedContext }) {
  await sealAuditLog(ctx.db);
  const result = await verifyAuditChain(ctx.db);
  await recordAudit(ctx.db, ctx.audit, {
    action: "audit.verified",
    targetType: "audit_chain",
    targetId: result.head ? String(result.head.seq) : null,
    after: {
      intact: result.intact,
      entries: result.entries,
      head: result.head?.hash ?? null,
      firstBroken: result.firstBroken,
    },
  });
  return result;
}
