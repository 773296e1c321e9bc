import { and, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { supportIssues, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderSupportDeadline } from "../email/templates/support-deadline";
import { notify } from "../notifications/inbox";
import { adminsWhoMayAt, ownerNodeId } from "../notifications/recipients";
import { getSettings } from "../settings/get-settings";
import { staffReaching } from "./issues";

const day = 86_400_000;

/**
 * The steps before and after a serious incident's reporting deadline, each taken once per issue:
 * three days before, its handler (or, unassigned, the staff who reach it) is reminded; one day
 * before, the admins of its handling unit too; once missed, it is escalated to the owner admins.
 */
const steps: readonly { key: string; before: number; unitAdmins: boolean; ownerAdmins: boolean }[] = [
  { key: "due_in_3_days", before: 3 * day, unitAdmins: false, ownerAdmins: false },
  { key: "due_in_1_day", before: 1 * day, unitAdmins: true, ownerAdmins: false },
  { key: "missed", before: 0, unitAdmins: true, ownerAdmins: true },
];

/**
 * Sends the deadline reminders that are due at `now`, each at most once (recorded on the issue in
 * the same transaction as its notifications and emails, so a second run, or a second worker, sends
 * nothing more). Returns how many steps were taken.
 */
export async function remindDeadlines(
  db: Database,
  appUrl: string,
  now: Date = new Date(),
): Promise<{ taken: number }> {
  const due = await db
    .select({ id: supportIssues.id })
    .from(supportIssues)
    .where(
      and(
        isNotNull(supportIssues.deadlineAt),
        notInArray(supportIssues.status, ["resolved", "closed"]),
        sql`${supportIssues.deadlineAt} - interval '3 days' <= ${now.toISOString()}::timestamptz`,
      ),
    );
  let taken = 0;
  for (const { id } of due) {
    taken += await db.transaction(async (tx) => {
      // One worker at a time per issue; another skips it and finds the steps recorded next time.
      const [issue] = await tx
        .select()
        .from(supportIssues)
        .where(eq(supportIssues.id, id))
        .for("update", { skipLocked: true });
      if (!issue?.deadlineAt || issue.status === "resolved" || issue.status === "closed") return 0;
      const deadline = issue.deadlineAt;
      const pending = steps.filter(
        (step) => now.getTime() >= deadline.getTime() - step.before && !issue.deadlineReminders.includes(step.key),
      );
      if (pending.length === 0) return 0;
      // The latest step due says it all: a reminder of an earlier one is not sent after it.
      const step = pending[pending.length - 1]!;
      const recipients = new Set<string>();
      const handler = issue.assigneeId
        ? (
            await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.id, issue.assigneeId), sql`${users.suspendedAt} is null`))
          )[0]?.id
        : undefined;
      if (handler) recipients.add(handler);
      else for (const staff of await staffReaching(tx, issue.id)) recipients.add(staff);
      if (step.unitAdmins)
        for (const admin of await adminsWhoMayAt(tx, "node.edit", issue.unitId)) recipients.add(admin);
      if (step.ownerAdmins) {
        const owner = await ownerNodeId(tx);
        if (owner) for (const admin of await adminsWhoMayAt(tx, "node.edit", owner)) recipients.add(admin);
      }
      const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / day);
      const dueText =
        step.key === "missed"
          ? "its reporting deadline has passed"
          : `its report is due in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}`;
      const link = `/dashboard/support/${issue.id}`;
      await notify(tx, [...recipients], {
        kind: `support_deadline_${step.key}`,
        title: `Issue ${issue.number}: ${dueText}`,
        body: issue.title,
        link,
        sourceId: issue.id,
      });
      const settings = await getSettings(tx);
      const people = recipients.size
        ? await tx
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(inArray(users.id, [...recipients]))
        : [];
      for (const person of people)
        await queueEmail(tx, {
          kind: "support_deadline",
          to: person.email,
          userId: person.id,
          ...renderSupportDeadline({
            installationName: settings.installationName,
            number: issue.number,
            title: issue.title,
            dueText,
            link: new URL(link, appUrl).toString(),
          }),
        });
      await tx
        .update(supportIssues)
        .set({ deadlineReminders: [...issue.deadlineReminders, ...pending.map((p) => p.key)] })
        .where(eq(supportIssues.id, issue.id));
      return 1;
    });
  }
  return { taken };
}
