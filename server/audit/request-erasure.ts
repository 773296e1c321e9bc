import type { DbOrTx } from "../db/client";
import { auditErasures } from "../db/schema";
import { enqueue } from "../jobs/enqueue";
import { auditEraseJob } from "../../workers/audit-erase";
import type { AuditContext } from "./record-audit";

/*
 * Asking for a deleted person to be erased from the audit trail; the erasing itself is the job's
 * (erasure.ts), so the deletion never waits on a scan of the trail.
 */

/** The person's identifying strings, lower-cased: what the trail is searched for. */
export function searchTermsOf(person: {
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
}): string[] {
  const terms = [person.email, `${person.firstName} ${person.lastName}`, person.phone?.replace(/\s+/g, " ") ?? ""];
  // A very short term (an initial, a two-digit phone) would erase unrelated values.
  return [...new Set(terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 5))];
}

/**
 * Records that a deleted person is to be erased from the trail, and queues the work, in the
 * deletion's transaction.
 */
export async function requestErasure(
  tx: DbOrTx,
  context: AuditContext,
  person: { id: string; email: string; firstName: string; lastName: string; phone: string | null },
): Promise<string> {
  const [erasure] = await tx
    .insert(auditErasures)
    .values({ personId: person.id, requestedBy: context.actorId, searchTerms: searchTermsOf(person) })
    .returning({ id: auditErasures.id });
  await enqueue(tx, auditEraseJob, {});
  return erasure!.id;
}
