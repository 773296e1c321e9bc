import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { trainingReminders, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderTrainingDue } from "../email/templates/training-due";
import { notify } from "../notifications/inbox";
import { getSettings } from "../settings/get-settings";
import { trainingRequirements, type TrainingRequirement } from "./training-status";

/** How long before the due date the first reminder goes. */
export const dueSoonDays = 7;
const day = 86_400_000;

const dateText = (date: Date) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);

/** Why the training is needed, in the person's words. */
export function trainingReason(requirement: TrainingRequirement): string {
  return requirement.state === "older_version"
    ? `Version ${requirement.publishedVersion} replaces version ${requirement.trainedVersion} that you completed, and you need to complete it again.`
    : "You have not completed it yet.";
}

/**
 * Reminds everyone whose training is due within a week (once) and once it is overdue (once more),
 * for each version they must be trained on: the reminder is recorded with its email and
 * notification in one transaction, so a second run, or a second worker, sends nothing more.
 * Returns how many reminders it sent.
 */
export async function remindTrainingDue(db: Database, appUrl: string, now: Date = new Date()): Promise<number> {
  const due = await trainingRequirements(db, {
    people: sql`select id as user_id from ${users} where ${users.suspendedAt} is null and ${users.status} = 'active'`,
    due: { before: new Date(now.getTime() + dueSoonDays * day), orRetraining: false },
  });
  if (due.length === 0) return 0;
  const { installationName } = await getSettings(db);
  let sent = 0;
  for (const requirement of due) {
    const stage = requirement.dueAt.getTime() <= now.getTime() ? "overdue" : "due_soon";
    sent += await db.transaction(async (tx) => {
      const [taken] = await tx
        .insert(trainingReminders)
        .values({
          userId: requirement.userId,
          itemId: requirement.itemId,
          countsFromVersion: requirement.countsFromVersion,
          stage,
        })
        .onConflictDoNothing()
        .returning({ userId: trainingReminders.userId });
      if (!taken) return 0;
      const link = `${appUrl}/portal/items/${requirement.itemId}`;
      const dueText = `${stage === "overdue" ? "was" : "is"} due on ${dateText(requirement.dueAt)}`;
      await queueEmail(tx, {
        kind: "training_due",
        to: requirement.email,
        userId: requirement.userId,
        ...renderTrainingDue({
          installationName,
          firstName: requirement.firstName,
          title: requirement.title,
          dueText,
          reason: trainingReason(requirement),
          link,
        }),
      });
      await notify(tx, [requirement.userId], {
        kind: `training_${stage}`,
        title: `Training ${stage === "overdue" ? "overdue" : "due soon"}: ${requirement.title}`,
        body: `Your training ${dueText}. ${trainingReason(requirement)}`,
        link: `/portal/items/${requirement.itemId}`,
        // Once per version they must be trained on.
        sourceId: requirement.countedVersionId ?? requirement.itemId,
      });
      return 1;
    });
  }
  return sent;
}
