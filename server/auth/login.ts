import { eq, sql, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { Database, DbOrTx } from "../db/client";
import { loginAttempts, users } from "../db/schema";
import { accessRefusal } from "./access";
import { dummyPasswordHash, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export interface LoginContext {
  ip: string | null;
  userAgent: string | null;
}

export type LoginResult = { ok: true; userId: string; sessionVersion: number } | { ok: false };

const emailForRecord = (raw: unknown) => (typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 320) : "");

/**
 * Checks one login attempt and records it. Every failure looks the same to the caller (no hint
 * whether the email exists); the only thing a failure writes is its attempt record and the
 * user's failure count.
 */
export async function attemptLogin(db: Database, input: unknown, context: LoginContext): Promise<LoginResult> {
  const parsed = credentialsSchema.safeParse(input);
  const record = (userId: string | null, success: boolean, reason: string, email: string, executor: DbOrTx = db) =>
    executor.insert(loginAttempts).values({
      email,
      userId,
      success,
      reason,
      ip: context.ip?.slice(0, 64) ?? null,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
    });

  if (!parsed.success) {
    const rawEmail = typeof input === "object" && input !== null && "email" in input ? input.email : undefined;
    await record(null, false, "malformed", emailForRecord(rawEmail));
    return { ok: false };
  }
  const { email, password } = parsed.data;
  const [user] = await db.select().from(users).where(eq(users.email, email));

  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    await record(user?.id ?? null, false, user ? "no_password" : "unknown_email", email);
    return { ok: false };
  }

  const refusal = accessRefusal(user, new Date());
  if (refusal) {
    // A suspended or locked account is refused without evaluating the password.
    await record(user.id, false, refusal, email);
    return { ok: false };
  }

  const attempt = { email, ip: context.ip?.slice(0, 64) ?? null, userAgent: context.userAgent?.slice(0, 512) ?? null };

  if (!(await verifyPassword(user.passwordHash, password))) {
    await updateUserAndRecordAttempt(
      db,
      db.update(users).set({ failedLoginAttempts: sql`${users.failedLoginAttempts} + 1` }).where(eq(users.id, user.id)),
      { ...attempt, success: false, reason: "wrong_password" },
    );
    return { ok: false };
  }

  const now = new Date();
  await updateUserAndRecordAttempt(
    db,
    db
      .update(users)
      .set({
        failedLoginAttempts: 0,
        lastLoginAt: now,
        lastLoginIp: attempt.ip,
        // The first login after setting a password makes an invited user Active.
        status: sql`case when ${users.status} = 'invited' then 'active'::user_status else ${users.status} end`,
        activatedAt: sql`coalesce(${users.activatedAt}, case when ${users.status} = 'invited' then ${now.toISOString()}::timestamptz end)`,
      })
      .where(eq(users.id, user.id)),
    { ...attempt, success: true, reason: "ok" },
  );
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

/**
 * Applies a change to the user row and records the attempt in one statement (a data-modifying
 * CTE): atomic without a transaction's extra round trips, on the hot path of every login.
 */
async function updateUserAndRecordAttempt(
  db: Database,
  userUpdate: { returning: (fields: { id: typeof users.id }) => SQLWrapper },
  attempt: { email: string; ip: string | null; userAgent: string | null; success: boolean; reason: string },
): Promise<void> {
  const update = userUpdate.returning({ id: users.id });
  // Drizzle wraps an embedded query in parentheses itself.
  await db.execute(sql`with updated as ${update}
    insert into ${loginAttempts} (email, user_id, ip, user_agent, success, reason)
    select ${attempt.email}, updated.id, ${attempt.ip}, ${attempt.userAgent}, ${attempt.success}, ${attempt.reason} from updated`);
}
