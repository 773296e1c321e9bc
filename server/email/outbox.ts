import type { DbOrTx } from "../db/client";
import { emailOutbox } from "../db/schema";
import { enqueue } from "../jobs/enqueue";
import { sendEmailJob } from "../../workers/send-email";
import type { RenderedEmail } from "./templates/layout";

export interface OutgoingEmail extends RenderedEmail {
  kind: string;
  to: string;
  userId?: string | null;
}

/** Writes the email to the outbox and queues its delivery, both in the caller's transaction. */
export async function queueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      kind: email.kind,
      toAddress: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      userId: email.userId ?? null,
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("outbox insert returned no row");
  await enqueue(tx, sendEmailJob, { outboxId: row.id }, { singletonKey: row.id });
  return row.id;
}
