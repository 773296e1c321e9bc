import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { passwordResetRequests, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderPasswordReset } from "../email/templates/password-reset";
import type { LinkConfig } from "../email/links";
import { getSettings } from "../settings/get-settings";
import { closeOpenLocks } from "./lock-records";
import { issueToken } from "./account-tokens";
import { personForLink, setPasswordThroughLink, type PasswordLinkOutcome } from "./password-link";

/** A reset link works once, for one hour. */
const resetTtlMs = 60 * 60 * 1000;
/** Limits that hold across app instances: they count rows in PostgreSQL. */
export const passwordResetLimits = { perAddressPerHour: 3, perIpPerHour: 20 };

export const passwordResetRequestInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "Enter the email address you sign in with." })),
});

/** Issues a reset token for the user (revoking their earlier ones) and returns the link, for an email only. */
export async function issuePasswordResetInTx(tx: DbOrTx, links: LinkConfig, userId: string): Promise<string> {
  const token = await issueToken(tx, { userId, purpose: "password_reset", ttlMs: resetTtlMs });
  return new URL(`/reset-password/${token}`, links.appUrl).toString();
}

/**
 * The least time a reset request takes, whatever the address: a known one issues a token, queues
 * an email and writes the audit entry, an unknown one only counts; without a floor the difference
 * would tell which addresses have accounts. Well above the known path's own time (see the bench).
 */
const resetRequestFloorMs = 200;

/**
 * "Forgot your password?": emails a reset link when the address belongs to an account that is not
 * suspended. The caller answers the same in every case (sent, unknown, suspended, over the limits),
 * and it takes the same time, so neither the answer nor its timing says anything about accounts.
 */
export async function requestPasswordReset(
  db: Database,
  links: LinkConfig,
  input: z.infer<typeof passwordResetRequestInput>,
  context: { ip: string | null },
): Promise<void> {
  const started = performance.now();
  try {
    await issueResetIfKnown(db, links, input, context);
  } finally {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, resetRequestFloorMs - (performance.now() - started))),
    );
  }
}

async function issueResetIfKnown(
  db: Database,
  links: LinkConfig,
  input: z.infer<typeof passwordResetRequestInput>,
  context: { ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const hourAgo = sql`now() - interval '1 hour'`;
    const [byAddress] = await tx
      .select({ n: count() })
      .from(passwordResetRequests)
      .where(and(eq(passwordResetRequests.email, input.email), gt(passwordResetRequests.at, hourAgo)));
    const [byIp] = context.ip
      ? await tx
          .select({ n: count() })
          .from(passwordResetRequests)
          .where(and(eq(passwordResetRequests.ip, context.ip), gt(passwordResetRequests.at, hourAgo)))
      : [{ n: 0 }];
    await tx.insert(passwordResetRequests).values({ email: input.email, ip: context.ip });
    if (
      (byAddress?.n ?? 0) >= passwordResetLimits.perAddressPerHour ||
      (byIp?.n ?? 0) >= passwordResetLimits.perIpPerHour
    )
      return;
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user || user.suspendedAt) return;
    const { installationName } = await getSettings(tx);
    const resetLink = await issuePasswordResetInTx(tx, links, user.id);
    await queueEmail(tx, {
      kind: "password_reset",
      to: user.email,
      userId: user.id,
      ...renderPasswordReset({ installationName, firstName: user.firstName, resetLink }),
    });
    await recordAudit(
      tx,
      { actorId: null, ip: context.ip },
      { action: "user.password_reset_requested", targetType: "user", targetId: user.id },
    );
  });
}

/** Who a reset link is for, while it still works. */
export const passwordResetFor = (db: DbOrTx, token: string) => personForLink(db, "password_reset", token);

export type ResetOutcome = PasswordLinkOutcome;

/** Sets a new password through a reset link (see setPasswordThroughLink); a lock after failed logins is lifted too. */
export function resetPassword(db: Database, token: string, password: string, ip: string | null): Promise<ResetOutcome> {
  return setPasswordThroughLink(db, "password_reset", { token, password, ip }, async (tx, user) => {
    await closeOpenLocks(tx, user.id, "password_reset", user.id);
    return {
      // The link reached them: a user who never signed in counts as Invited, as through an invitation.
      changes: {
        status: user.status === "not_invited" ? "invited" : user.status,
        lockedUntil: null,
        failedLoginAttempts: 0,
      },
      audit: {
        action: "user.password_reset",
        after: { unlocked: user.lockedUntil !== null && user.lockedUntil > new Date() },
      },
    };
  });
}
