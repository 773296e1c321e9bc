import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { settings, users } from "../db/schema";
import { queueEmail } from "./outbox";
import { renderTestEmail } from "./templates/test-email";

/** Queues a test email to `to` on behalf of `actorId`, with its audit entry, in one transaction. */
export async function sendTestEmail(
  db: Database,
  input: { actorId: string; to: string; ip: string | null },
): Promise<{ outboxId: string }> {
  return db.transaction(async (tx) => {
    const [actor] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.actorId));
    const [config] = await tx.select({ installationName: settings.installationName }).from(settings);
    const email = renderTestEmail({
      installationName: config?.installationName ?? "MedTech Academy",
      requestedBy: actor?.email ?? "an administrator",
      sentAt: new Date(),
    });
    const outboxId = await queueEmail(tx, { kind: "test", to: input.to, ...email });
    await recordAudit(
      tx,
      { actorId: input.actorId, ip: input.ip },
      { action: "email.test_sent", targetType: "email", targetId: outboxId, after: { to: input.to } },
    );
    return { outboxId };
  });
}
