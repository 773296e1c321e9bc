import { eq, inArray } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { memberships, nodes, roleAssignments, users, type User, type UserStatus } from "../db/schema";
import { DomainError } from "../domain-error";
import { auditView } from "./manage-user";
import { grantRoleInTx } from "./placements";
import { assertSeatAvailable } from "./seat-limit";
import type { LinkConfig } from "../email/links";
import { inviteUserInTx } from "../invitations/invite";
import { highestRole, type AdminRole } from "../scope";
import { refreshUserScopes } from "../scope/user-scopes";

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  position?: string | null;
  phone?: string | null;
  passwordHash?: string | null;
  status?: UserStatus;
  memberOf?: string[];
  roles?: { role: AdminRole; nodeId: string }[];
}

/**
 * Inserts a user with their group memberships and role assignments, keeping the denormalised
 * primary role in step. Callers run it inside their transaction.
 */
export async function insertUser(tx: DbOrTx, input: NewUser): Promise<User> {
  const roles = input.roles ?? [];
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      firstName: input.firstName,
      lastName: input.lastName,
      position: input.position ?? null,
      phone: input.phone ?? null,
      passwordHash: input.passwordHash ?? null,
      status: input.status ?? "not_invited",
      primaryRole: highestRole(roles.map((r) => r.role)),
      invitedAt: input.status && input.status !== "not_invited" ? new Date() : null,
      activatedAt: input.status === "active" ? new Date() : null,
    })
    .returning();
  if (!user) throw new Error("user insert returned no row");
  if (input.memberOf?.length) {
    await tx.insert(memberships).values(input.memberOf.map((nodeId) => ({ userId: user.id, nodeId })));
  }
  if (roles.length) {
    await tx.insert(roleAssignments).values(roles.map((r) => ({ userId: user.id, role: r.role, nodeId: r.nodeId })));
  }
  await refreshUserScopes(tx, [user.id]);
  return user;
}

/** An administrator creates a product user in one or more groups: seat limit, unique login, audit entry. */
export async function createUserInGroups(
  db: Database,
  context: AuditContext,
  input: {
    email: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    position: string | null;
    groupIds: string[];
    /** Admin roles granted with the creation (the caller has asked the resolver about each). */
    roles?: { role: AdminRole; nodeId: string }[];
    /** Queue their invitation in the same transaction (the form's "Send the invitation now"). */
    inviteNow?: boolean;
  },
  links?: LinkConfig,
): Promise<{ userId: string; invited: boolean }> {
  return db.transaction(async (tx) => {
    const groups = await tx.select({ kind: nodes.kind }).from(nodes).where(inArray(nodes.id, input.groupIds));
    if (groups.length !== input.groupIds.length || groups.some((group) => group.kind !== "group"))
      throw new DomainError("BAD_REQUEST", "Choose user groups to place the new user in.");
    await assertSeatAvailable(tx);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken)
      throw new DomainError(
        "CONFLICT",
        "This email address is already in use. Each person signs in with their own address.",
      );
    const { groupIds, roles = [], inviteNow = false, ...person } = input;
    const user = await insertUser(tx, { ...person, memberOf: groupIds });
    await recordAudit(tx, context, {
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      after: { ...auditView(user), groupIds },
    });
    // Each role is checked and recorded as if granted from the user's page a moment later; a role
    // that does not fit (wrong kind of node, archived) undoes the whole creation.
    for (const role of roles) await grantRoleInTx(tx, context, { userId: user.id, ...role });
    if (inviteNow && links) await inviteUserInTx(tx, context, links, { userId: user.id, kind: "first" });
    return { userId: user.id, invited: inviteNow && links !== undefined };
  });
}
