import { isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { DomainError } from "../domain-error";
import { getSettings } from "../settings/get-settings";

/**
 * Refuses when one more user would pass the seat limit (users who are not suspended). A
 * transaction-scoped advisory lock makes concurrent creations and reactivations take turns, so
 * two of them cannot both take the last seat.
 */
export async function assertSeatAvailable(tx: DbOrTx, adding = 1): Promise<void> {
  const { seatLimit } = await getSettings(tx);
  if (seatLimit === null) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('seat-limit'))`);
  const [row] = await tx
    .select({ used: sql<number>`count(*)::int` })
    .from(users)
    .where(isNull(users.suspendedAt));
  const used = row?.used ?? 0;
  if (used + adding > seatLimit) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `The seat limit is reached: ${used} of ${seatLimit} seats are in use. Suspend someone who no longer needs access, or ask the owner to raise the limit.`,
    );
  }
}
