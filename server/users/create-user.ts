import { memberships, roleAssignments, users, type User, type UserStatus } from "../db/schema";
import type { DbOrTx } from "../db/client";
import { highestRole, type AdminRole } from "../scope";
import { refreshUserScopes } from "../scope/user-scopes";

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  position?: string | null;
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
