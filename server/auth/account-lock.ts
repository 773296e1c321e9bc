import { and, eq, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { accountLocks, roleAssignments, nodes, userScopes, users } from "../db/schema";
import { notify } from "../notifications/inbox";
import { queueEmail } from "../email/outbox";
import { renderAccountLocked } from "../email/templates/account-locked";
import type { LinkConfig } from "../email/links";
import { enqueue } from "../jobs/enqueue";
import { unlockAccountJob } from "../../workers/unlock-account";
import { can, loadActor, loadUserTarget } from "../scope";
import { getSettings } from "../settings/get-settings";
import { issuePasswordResetInTx } from "./password-reset";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * The lock job's work for one lock (the login that reached the threshold has already locked the
 * account and recorded the lock): the audit entry, the email to the user with a password reset
 * link (which also unlocks), a dashboard notification for each admin who may manage the user, and
 * the unlock scheduled for the lock's end. Done once: the lock row is locked and marked processed.
 */
export async function processAccountLock(
  db: Database,
  links: LinkConfig,
  lockId: string,
): Promise<"processed" | "already_processed" | "missing"> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.select().from(accountLocks).where(eq(accountLocks.id, lockId)).for("update");
    if (!lock) return "missing";
    if (lock.processedAt) return "already_processed";
    const [user] = await tx.select().from(users).where(eq(users.id, lock.userId));
    if (!user) return "missing";

    await recordAudit(
      tx,
      { actorId: null, ip: lock.ip },
      {
        action: "user.locked",
        targetType: "user",
        targetId: user.id,
        after: { failures: lock.failures, ip: lock.ip, lockedUntil: lock.lockedUntil.toISOString() },
      },
    );
    const { installationName } = await getSettings(tx);
    const resetLink = await issuePasswordResetInTx(tx, links, user.id);
    await queueEmail(tx, {
      kind: "account_locked",
      to: user.email,
      userId: user.id,
      ...renderAccountLocked({
        installationName,
        firstName: user.firstName,
        failures: lock.failures,
        ip: lock.ip,
        lockedUntil: lock.lockedUntil,
        resetLink,
      }),
    });

    const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
    await notify(tx, await adminsWhoMayManage(tx, user.id), {
      kind: "account_locked",
      title: `${name}'s account locked itself`,
      body: `${lock.failures} failed sign-ins${lock.ip ? `, the last from ${lock.ip}` : ""}. It unlocks by itself at ${timeFormat.format(lock.lockedUntil)} UTC, or when you unlock it.`,
      link: `/dashboard/users/${user.id}`,
      sourceId: lock.id,
    });
    await enqueue(tx, unlockAccountJob, { lockId: lock.id }, { singletonKey: lock.id, startAfter: lock.lockedUntil });
    await tx.update(accountLocks).set({ processedAt: new Date() }).where(eq(accountLocks.id, lock.id));
    return "processed";
  });
}

/**
 * The admins the scope resolver lets manage this user: candidates are those holding a role at the
 * owner node or at a node above one of the user's placements; each is then asked about.
 */
export async function adminsWhoMayManage(tx: DbOrTx, userId: string): Promise<string[]> {
  const candidates = await tx
    .selectDistinct({ id: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(nodes, eq(nodes.id, roleAssignments.nodeId))
    .where(
      and(
        sql`${roleAssignments.userId} <> ${userId}`,
        or(
          eq(nodes.kind, "owner"),
          sql`${roleAssignments.nodeId} in (select ${userScopes.nodeId} from ${userScopes} where ${userScopes.userId} = ${userId})`,
        ),
      ),
    );
  const target = await loadUserTarget(tx, userId);
  if (!target) return [];
  const allowed: string[] = [];
  for (const { id } of candidates) {
    const actor = await loadActor(tx, id);
    if (actor && can(actor, "user.account", target).allowed) allowed.push(id);
  }
  return allowed;
}
