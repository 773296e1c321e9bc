import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { invitations, users } from "../db/schema";
import { getSettings } from "../settings/get-settings";
import type { LinkConfig } from "../email/links";
import { inviteUserInTx } from "./invite";

/**
 * Users still Invited whose newest invitation is older than the interval of the settings, and
 * who have had fewer scheduled reminders than the maximum. Suspended and deleted users never qualify.
 */
function dueCondition(intervalDays: number, maxReminders: number) {
  return and(
    eq(users.status, "invited"),
    isNull(users.suspendedAt),
    sql`(select max(${invitations.createdAt}) from ${invitations} where ${invitations.userId} = ${users.id}) < now() - make_interval(days => ${intervalDays})`,
    sql`(select count(*) from ${invitations} where ${invitations.userId} = ${users.id} and ${invitations.kind} = 'scheduled') < ${maxReminders}`,
  );
}

/**
 * Re-sends the invitations that stay unanswered, 50 users per transaction. The users are locked
 * as they are selected (SKIP LOCKED: a second worker takes other users) and selected by the due
 * condition inside that transaction, so concurrent runs, retries and overlapping schedules never
 * send one reminder twice; a crash rolls back only its own chunk, which the next run picks up.
 */
export async function resendDueInvitations(
  db: Database,
  config: LinkConfig,
  options: { maxUsers?: number } = {},
): Promise<{ sent: number }> {
  const settings = await getSettings(db);
  const due = dueCondition(settings.invitationResendIntervalDays, settings.invitationResendMax);
  let sent = 0;
  for (;;) {
    const chunk = Math.min(50, (options.maxUsers ?? Infinity) - sent);
    if (chunk <= 0) break;
    const sentNow = await db.transaction(async (tx) => {
      const picked = await tx
        .select({ id: users.id })
        .from(users)
        .where(due)
        .orderBy(users.id)
        .limit(chunk)
        .for("update", { skipLocked: true });
      if (picked.length === 0) return { picked: 0, sent: 0 };
      // Asked again now that the rows are ours: a new statement sees what another run committed
      // while this one waited, which the locking statement's own snapshot may not.
      const stillDue = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            inArray(
              users.id,
              picked.map((u) => u.id),
            ),
            due,
          ),
        );
      for (const user of stillDue)
        await inviteUserInTx(tx, { actorId: null, ip: null }, config, { userId: user.id, kind: "scheduled" });
      return { picked: picked.length, sent: stillDue.length };
    });
    sent += sentNow.sent;
    if (sentNow.picked < chunk) break;
  }
  return { sent };
}
