import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { DomainError } from "../domain-error";
import { checkSecretInSession } from "./secret-check";
import { hashPassword, verifyPassword } from "./password";
import { judgePassword } from "./password-policy";

/**
 * Changes the signed-in user's own password: the current one is required, the new one must meet
 * the policy. Every session of the user ends (session version bumped); the caller opens a new one
 * for the person who made the change.
 */
export async function changePassword(
  db: Database,
  userId: string,
  input: { current: string; next: string },
  context: { ip: string | null; userAgent?: string | null; sessionId: string | null },
): Promise<{ problems: string[] }> {
  const ip = context.ip;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) throw new DomainError("NOT_FOUND", "No such user.");
  const hash = user.passwordHash;
  // Counted like a login: a stolen session cannot guess the current password without limit.
  const right = await checkSecretInSession(
    db,
    { userId, sessionId: context.sessionId, ip, userAgent: context.userAgent ?? null, reason: "wrong_password" },
    () => verifyPassword(hash, input.current),
  );
  if (!right) throw new DomainError("BAD_REQUEST", "Your current password is not right.");
  const verdict = judgePassword(input.next, [user.email, user.firstName, user.lastName]);
  if (!verdict.ok) return { problems: verdict.problems };
  if (await verifyPassword(user.passwordHash, input.next))
    return { problems: ["Choose a password different from the current one."] };
  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(
      tx,
      { actorId: userId, ip },
      { action: "user.password_changed", targetType: "user", targetId: userId },
    );
  });
  return { problems: [] };
}
