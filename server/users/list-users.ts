import { and, asc, count, ilike, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { users, type RoleName, type UserStatus } from "../db/schema";
import { visibleUsersFilter, type Actor } from "../scope";

export interface ListUsersParams {
  page: number;
  pageSize: number;
  search?: string | undefined;
}

export interface UserRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  primaryRole: RoleName;
  status: UserStatus;
  suspended: boolean;
  locked: boolean;
  lastLoginAt: Date | null;
}

/** The page of users the actor may see: the scope filter is part of the WHERE, never applied after. */
export async function listUsers(db: DbOrTx, actor: Actor, params: ListUsersParams): Promise<{ items: UserRow[]; total: number }> {
  const conditions: SQL[] = [visibleUsersFilter(actor)];
  const term = params.search?.trim();
  if (term) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.email, pattern), ilike(users.firstName, pattern), ilike(users.lastName, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        email: users.email,
        primaryRole: users.primaryRole,
        status: users.status,
        suspended: sql<boolean>`${users.suspendedAt} is not null`,
        locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
        lastLoginAt: users.lastLoginAt,
      })
      .from(users)
      .where(where)
      .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items: rows, total: totals?.total ?? 0 };
}
