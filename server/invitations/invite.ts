import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { currentToken, derivedToken, issueDerivedToken } from "../auth/account-tokens";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { emailOutbox, invitations, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderInvitation } from "../email/templates/invitation";
import { getSettings } from "../settings/get-settings";
import { visibleUsersFilter, type Actor } from "../scope";
import { underNode } from "../users/list-users";

import type { LinkConfig } from "../email/links";

const invitationLink = (config: LinkConfig, token: string) => new URL(`/invite/${token}`, config.appUrl).toString();

/**
 * Invites one user, or invites them again: a new token (the previous link stops working), the
 * email queued through the outbox, the invitation recorded, all in the caller's transaction. The
 * status becomes Invited when the provider accepts the email (server/email/deliver.ts).
 */
export async function inviteUserInTx(
  tx: DbOrTx,
  context: AuditContext,
  config: LinkConfig,
  input: { userId: string; kind: "first" | "resend" | "scheduled" },
): Promise<{ invitationId: string; link: string }> {
  const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
  if (!user) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
  if (user.suspendedAt)
    throw new DomainError("BAD_REQUEST", "This user is suspended: reactivate them before inviting them.");
  if (user.status === "active")
    throw new DomainError("BAD_REQUEST", "This user has already set a password and signed in.");
  const settings = await getSettings(tx);
  const ttlMs = settings.invitationExpiryDays * 86_400_000;
  const { token, tokenId } = await issueDerivedToken(tx, {
    userId: user.id,
    purpose: "invitation",
    ttlMs,
    secret: config.secret,
  });
  const link = invitationLink(config, token);
  const email = renderInvitation({
    installationName: settings.installationName,
    firstName: user.firstName,
    link,
    expiresAt: new Date(Date.now() + ttlMs),
    reminder: input.kind !== "first",
  });
  const outboxId = await queueEmail(tx, { kind: "invitation", to: user.email, userId: user.id, ...email });
  // A new email: what the provider said of the previous one no longer applies.
  await tx.update(users).set({ invitationDelivery: null }).where(eq(users.id, user.id));
  const [row] = await tx
    .insert(invitations)
    .values({ userId: user.id, kind: input.kind, sentBy: context.actorId, outboxId, tokenId })
    .returning({ id: invitations.id });
  await recordAudit(tx, context, {
    action: input.kind === "first" ? "user.invited" : "user.invitation_resent",
    targetType: "user",
    targetId: user.id,
    after: { kind: input.kind, outboxId },
  });
  return { invitationId: row!.id, link };
}

/** Invites one user in a transaction of its own; a first invitation once invited counts as a re-send. */
export async function inviteUser(
  db: DbOrTx,
  context: AuditContext,
  config: LinkConfig,
  userId: string,
): Promise<{ invitationId: string; link: string }> {
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.userId, userId))
      .limit(1);
    return inviteUserInTx(tx, context, config, { userId, kind: previous ? "resend" : "first" });
  });
}

/**
 * What the user page shows: each invitation with who sent it and what became of its email, and
 * the link that works now (recomputed from its token's salt and the server's key, see derivedToken).
 */
export async function invitationOverview(db: DbOrTx, config: LinkConfig, userId: string) {
  const history = await db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      sentAt: invitations.createdAt,
      sentByName: sql<
        string | null
      >`(select nullif(trim(s.first_name || ' ' || s.last_name), '') from users s where s.id = ${invitations.sentBy})`,
      emailStatus: emailOutbox.status,
      deliveredAt: emailOutbox.sentAt,
      delivery: emailOutbox.deliveryStatus,
      lastError: emailOutbox.lastError,
    })
    .from(invitations)
    .leftJoin(emailOutbox, eq(emailOutbox.id, invitations.outboxId))
    .where(eq(invitations.userId, userId))
    .orderBy(desc(invitations.createdAt));
  const token = await currentToken(db, userId, "invitation");
  return {
    history,
    currentLink: token?.derivationSalt
      ? invitationLink(config, derivedToken(config.secret, token.derivationSalt))
      : null,
    linkExpiresAt: token?.expiresAt ?? null,
  };
}

/** The ids of users in the actor's scope (under a node, if given) who were never invited, for "invite all". */
/** The people not yet invited whom the actor sees, under one node of theirs or everywhere they reach. */
export function notInvitedInScope(
  db: DbOrTx,
  actor: Actor,
  nodeId: string | undefined,
  limit: number,
): Promise<{ id: string; name: string }[]> {
  return notInvitedPeople(db, and(visibleUsersFilter(actor), nodeId ? underNode(nodeId) : undefined)!, limit);
}

export async function notInvitedPeople(db: DbOrTx, scope: SQL, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: sql<string>`${users.firstName} || ' ' || ${users.lastName}` })
    .from(users)
    .where(and(eq(users.status, "not_invited"), isNull(users.suspendedAt), scope))
    .orderBy(users.lastName, users.firstName, users.id)
    .limit(limit);
}
