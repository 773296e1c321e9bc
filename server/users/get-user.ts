import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { latestLock } from "../auth/lock-records";
import { users } from "../db/schema";

/** The user record as an admin sees it (no secrets: no password hash, no 2FA secret). */
export async function getUserRecord(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      pendingEmail: users.pendingEmail,
      firstName: users.firstName,
      lastName: users.lastName,
      phone: users.phone,
      position: users.position,
      primaryRole: users.primaryRole,
      status: users.status,
      suspendedAt: users.suspendedAt,
      lockedUntil: users.lockedUntil,
      failedLoginAttempts: users.failedLoginAttempts,
      lastLoginAt: users.lastLoginAt,
      lastLoginIp: users.lastLoginIp,
      twoFactorEnabled: users.twoFactorEnabled,
      createdAt: users.createdAt,
      invitedAt: users.invitedAt,
      activatedAt: users.activatedAt,
      photoPath: users.photoPath,
      invitationDelivery: users.invitationDelivery,
      managerId: users.managerId,
      managerName: sql<
        string | null
      >`(select nullif(trim(m.first_name || ' ' || m.last_name), '') from users m where m.id = users.manager_id)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const { photoPath, ...record } = user;
  const lock = user.lockedUntil ? await latestLock(db, userId) : null;
  // The file name is random per upload: it versions the photo's URL, so a new photo is never served from a cache.
  return {
    ...record,
    lock: lock && !lock.unlockedAt ? { lockedAt: lock.lockedAt, failures: lock.failures, ip: lock.ip } : null,
    photoUrl: photoPath
      ? `/api/users/${user.id}/photo?v=${encodeURIComponent(photoPath.split("/").pop() ?? "")}`
      : null,
  };
}
