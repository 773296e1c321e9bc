import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import {
  memberships,
  nodes,
  supportIssueEvents,
  supportIssues,
  supportIssueTypes,
  users,
  type Reportability,
  type SupportEventKind,
  type SupportIssueStatus,
  type SupportSeverity,
} from "../db/schema";
import { DomainError } from "../domain-error";
import { queueEmail } from "../email/outbox";
import { renderSupportNewIssue } from "../email/templates/support-new-issue";
import { renderSupportUpdate } from "../email/templates/support-update";
import { notify } from "../notifications/inbox";
import { staffReaches } from "../scope";
import type { IssueViewer } from "./queries";
import { loadActor } from "../scope/load";
import { assignableHandlers } from "./queries";
import { getSettings } from "../settings/get-settings";
import { itemVisibleTo } from "../content/portal";
import { inspectUpload } from "../content/document-files";
import type { FileStore } from "../content/file-store";
import { reportingDeadline, type SeriousIncidentClass } from "./deadline";
import { nextStatuses, statusLabel } from "./workflow";

/** Who acts, from where (for the audit log), and the app's address (for links in emails). */
export type SupportContext = AuditContext & { appUrl: string };

export interface ReportInput {
  typeId: string;
  itemId: string | null;
  title: string;
  description: string;
  severity: SupportSeverity;
  device: { serial: string; eventDate: string; harm: boolean } | null;
}

async function addEvent(
  tx: DbOrTx,
  issueId: string,
  actorId: string | null,
  event: {
    kind: SupportEventKind;
    public: boolean;
    body?: string;
    data?: Record<string, string | number | boolean | null>;
  },
): Promise<string> {
  const [added] = await tx
    .insert(supportIssueEvents)
    .values({ issueId, actorId, body: "", data: {}, ...event })
    .returning({ id: supportIssueEvents.id });
  await tx.update(supportIssues).set({ updatedAt: new Date() }).where(eq(supportIssues.id, issueId));
  if (!added) throw new Error("issue event insert returned no row");
  return added.id;
}

/** The staff (not suspended) whose reach covers an issue: whom a new issue is announced to. */
export async function staffReaching(tx: DbOrTx, issueId: string): Promise<string[]> {
  return (await assignableHandlers(tx, issueId)).map((handler) => handler.id);
}

/**
 * A product user reports an issue. Where they sit (their first group's hospital and market)
 * decides which admins see it; the type decides the handling unit; a device complaint records
 * the device, the event's date and whether anyone was harmed, and waits for a reportability
 * decision. The issue, its first history entry, the audit entry and the handlers' notifications
 * are written in one transaction.
 */
export async function reportIssue(
  db: Database,
  context: SupportContext,
  reporterId: string,
  input: ReportInput,
): Promise<{ id: string; number: number }> {
  return db.transaction(async (tx) => {
    const [type] = await tx
      .select()
      .from(supportIssueTypes)
      .where(and(eq(supportIssueTypes.id, input.typeId), isNull(supportIssueTypes.archivedAt)));
    if (!type) throw new DomainError("BAD_REQUEST", "Choose the kind of issue from the list.");
    if (type.deviceComplaint && !input.device)
      throw new DomainError(
        "BAD_REQUEST",
        "For a device complaint, give the device's serial or lot number, the date of the event and whether anyone was harmed.",
      );
    if (input.itemId && !(await itemVisibleTo(tx, reporterId, input.itemId)))
      throw new DomainError("BAD_REQUEST", "Choose the product or item from those you have.");
    // Where the reporter sits: their earliest group, its hospital and market.
    const [placement] = await tx
      .select({ path: nodes.path })
      .from(memberships)
      .innerJoin(nodes, eq(nodes.id, memberships.nodeId))
      .where(eq(memberships.userId, reporterId))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    if (!placement)
      throw new DomainError("PRECONDITION_FAILED", "You are not in any group yet: ask your administrator to add you.");
    const ancestors = await tx
      .select({ id: nodes.id, kind: nodes.kind })
      .from(nodes)
      .where(sql`${nodes.id}::text = any(string_to_array(trim(both '/' from ${placement.path}), '/'))`);
    const [created] = await tx
      .insert(supportIssues)
      .values({
        typeId: type.id,
        reporterId,
        customerId: ancestors.find((n) => n.kind === "customer")?.id ?? null,
        marketId: ancestors.find((n) => n.kind === "market")?.id ?? null,
        scopePath: placement.path,
        unitId: type.defaultUnitId,
        itemId: input.itemId,
        title: input.title,
        description: input.description,
        severity: input.severity,
        deviceSerial: type.deviceComplaint ? (input.device?.serial ?? null) : null,
        eventDate: type.deviceComplaint ? (input.device?.eventDate ?? null) : null,
        harm: type.deviceComplaint ? (input.device?.harm ?? null) : null,
        reportability: type.deviceComplaint ? "undecided" : null,
      })
      .returning({ id: supportIssues.id, number: supportIssues.number });
    if (!created) throw new Error("issue insert returned no row");
    await addEvent(tx, created.id, reporterId, { kind: "created", public: true });
    await recordAudit(tx, context, {
      action: "support.reported",
      targetType: "support_issue",
      targetId: created.id,
      after: { number: created.number, type: type.name, title: input.title, severity: input.severity },
    });
    // The staff who reach it hear of it in the dashboard and by email (through the worker).
    const handlers = await staffReaching(tx, created.id);
    const link = `/dashboard/support/${created.id}`;
    await notify(tx, handlers, {
      kind: "support_issue",
      title: `Issue ${created.number}: ${input.title}`,
      body: `${type.name}${type.deviceComplaint ? " (device complaint)" : ""}, severity ${input.severity}. It waits for a handler.`,
      link,
      sourceId: created.id,
    });
    if (handlers.length) {
      const { installationName } = await getSettings(tx);
      const people = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, handlers));
      for (const person of people)
        await queueEmail(tx, {
          kind: "support_new_issue",
          to: person.email,
          userId: person.id,
          ...renderSupportNewIssue({
            installationName,
            number: created.number,
            title: input.title,
            typeName: type.name,
            severity: input.severity,
            deviceComplaint: type.deviceComplaint,
            link: new URL(link, context.appUrl).toString(),
          }),
        });
    }
    return created;
  });
}

/** Emails the reporter about a public change to their issue (through the outbox and the worker). */
async function tellReporter(tx: DbOrTx, appUrl: string, issueId: string, change: string) {
  const [row] = await tx
    .select({
      number: supportIssues.number,
      title: supportIssues.title,
      email: users.email,
      firstName: users.firstName,
      userId: users.id,
    })
    .from(supportIssues)
    .innerJoin(users, eq(users.id, supportIssues.reporterId))
    .where(and(eq(supportIssues.id, issueId), isNull(users.suspendedAt)));
  if (!row) return;
  const settings = await getSettings(tx);
  await queueEmail(tx, {
    kind: "support_update",
    to: row.email,
    userId: row.userId,
    ...renderSupportUpdate({
      installationName: settings.installationName,
      firstName: row.firstName,
      number: row.number,
      title: row.title,
      change,
      link: new URL(`/portal/support/${issueId}`, appUrl).toString(),
    }),
  });
}

async function lockIssue(tx: DbOrTx, issueId: string) {
  const [issue] = await tx.select().from(supportIssues).where(eq(supportIssues.id, issueId)).for("update");
  if (!issue) throw new DomainError("NOT_FOUND", "No such issue.");
  return issue;
}

/** What a reporter is told who writes to, or adds a file to, a closed issue. */
const closedToReporter = "This issue is closed. Report a new one if the problem is back.";

/**
 * A message on an issue. From a handler: a public reply (the reporter sees it and is emailed) or
 * an internal note (never shown to the reporter). From the reporter: a reply, which brings an
 * issue waiting for them back to In progress.
 */
export async function addMessage(
  db: Database,
  context: SupportContext,
  issueId: string,
  message: { body: string; internal: boolean; as: "staff" | "reporter" },
): Promise<void> {
  await db.transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (message.as === "reporter" && issue.status === "closed")
      throw new DomainError("PRECONDITION_FAILED", closedToReporter);
    const internal = message.as === "staff" && message.internal;
    await addEvent(tx, issueId, context.actorId, {
      kind: internal ? "note" : "reply",
      public: !internal,
      body: message.body,
    });
    if (message.as === "reporter" && issue.status === "waiting") {
      await tx.update(supportIssues).set({ status: "in_progress" }).where(eq(supportIssues.id, issueId));
      await addEvent(tx, issueId, context.actorId, {
        kind: "status",
        public: true,
        data: { from: "waiting", to: "in_progress" },
      });
    }
    await recordAudit(tx, context, {
      action: internal ? "support.note_added" : "support.replied",
      targetType: "support_issue",
      targetId: issueId,
      after: { by: message.as, length: message.body.length },
    });
    if (message.as === "staff" && !internal)
      await tellReporter(tx, context.appUrl, issueId, `A reply from the support team:\n\n${message.body}`);
  });
}

/**
 * Whether the issue takes a file from this side now: its type allows files, and a reporter adds
 * none once it is closed. Asked before an upload's body is read, and again when it is written.
 */
export async function issueTakesFiles(db: DbOrTx, issueId: string, by: "staff" | "reporter"): Promise<void> {
  const [issue] = await db
    .select({ attachmentsAllowed: supportIssueTypes.attachmentsAllowed, status: supportIssues.status })
    .from(supportIssues)
    .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportIssues.typeId))
    .where(eq(supportIssues.id, issueId));
  if (!issue) throw new DomainError("NOT_FOUND", "No such issue.");
  if (!issue.attachmentsAllowed)
    throw new DomainError(
      "BAD_REQUEST",
      "This kind of issue takes no files. Describe what you see in a reply instead.",
    );
  if (by === "reporter" && issue.status === "closed") throw new DomainError("PRECONDITION_FAILED", closedToReporter);
}

/**
 * A file on an issue: from the reporter (they and the handlers see it) or from a handler (public,
 * or internal beside the notes). Checked like every upload (type from its bytes, size capped),
 * refused when the issue's type takes no files or, for the reporter, once the issue is closed.
 * Stored first under a key of ours; removed again if the history entry is not written.
 */
export async function attachIssueFile(
  db: Database,
  store: FileStore,
  context: SupportContext,
  issueId: string,
  upload: { bytes: Uint8Array; name: string },
  as: { by: "staff" | "reporter"; internal: boolean },
): Promise<{ eventId: string; name: string; type: string; size: number }> {
  const file = inspectUpload(`support/${issueId}`, upload);
  await issueTakesFiles(db, issueId, as.by);
  const internal = as.by === "staff" && as.internal;
  await store.put(file.key, upload.bytes, file.type);
  try {
    return await db.transaction(async (tx) => {
      const issue = await lockIssue(tx, issueId);
      if (as.by === "reporter" && issue.status === "closed")
        throw new DomainError("PRECONDITION_FAILED", closedToReporter);
      const eventId = await addEvent(tx, issueId, context.actorId, {
        kind: "file",
        public: !internal,
        data: { key: file.key, name: file.name, type: file.type, size: file.size },
      });
      await recordAudit(tx, context, {
        action: "support.file_added",
        targetType: "support_issue",
        targetId: issueId,
        after: { by: as.by, internal, name: file.name, type: file.type, size: file.size },
      });
      if (as.by === "staff" && !internal)
        await tellReporter(tx, context.appUrl, issueId, `The support team added a file: ${file.name}`);
      return { eventId, name: file.name, type: file.type, size: file.size };
    });
  } catch (error) {
    await store.remove(file.key);
    throw error;
  }
}

/**
 * A file of an issue's history, for a reader of the issue: internal files only to its handlers.
 * Null when there is no such file on this issue (or it is not theirs to see).
 */
export async function issueFile(
  db: DbOrTx,
  store: FileStore,
  issueId: string,
  eventId: string,
  viewer: IssueViewer,
): Promise<{ bytes: Uint8Array; name: string; type: string } | null> {
  const [event] = await db
    .select({ data: supportIssueEvents.data, public: supportIssueEvents.public })
    .from(supportIssueEvents)
    .where(
      and(
        eq(supportIssueEvents.id, eventId),
        eq(supportIssueEvents.issueId, issueId),
        eq(supportIssueEvents.kind, "file"),
      ),
    );
  if (!event || (viewer !== "handler" && !event.public)) return null;
  const { key, name, type } = event.data;
  if (typeof key !== "string" || typeof name !== "string" || typeof type !== "string") return null;
  const bytes = await store.get(key);
  return bytes ? { bytes, name, type } : null;
}

/** A handler moves an issue along New → In progress → Waiting for reporter → Resolved → Closed. */
export async function changeStatus(
  db: Database,
  context: SupportContext,
  issueId: string,
  to: SupportIssueStatus,
): Promise<void> {
  await db.transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (issue.status === to) return;
    if (!nextStatuses[issue.status].includes(to))
      throw new DomainError(
        "BAD_REQUEST",
        `An issue that is ${statusLabel[issue.status].toLowerCase()} cannot become ${statusLabel[to].toLowerCase()}.`,
      );
    const now = new Date();
    await tx
      .update(supportIssues)
      .set({
        status: to,
        resolvedAt: to === "resolved" ? now : to === "in_progress" ? null : issue.resolvedAt,
        closedAt: to === "closed" ? now : null,
      })
      .where(eq(supportIssues.id, issueId));
    await addEvent(tx, issueId, context.actorId, { kind: "status", public: true, data: { from: issue.status, to } });
    await recordAudit(tx, context, {
      action: "support.status_changed",
      targetType: "support_issue",
      targetId: issueId,
      before: { status: issue.status },
      after: { status: to },
    });
    await tellReporter(tx, context.appUrl, issueId, `Its status is now: ${statusLabel[to]}.`);
  });
}

/** The reporter reopens a resolved issue within the owner's period (Settings). */
export async function reopenIssue(db: Database, context: AuditContext, issueId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    const { supportReopenDays } = await getSettings(tx);
    const resolvedAt = issue.resolvedAt?.getTime() ?? 0;
    if (issue.status !== "resolved" || Date.now() - resolvedAt > supportReopenDays * 86_400_000)
      throw new DomainError(
        "PRECONDITION_FAILED",
        supportReopenDays
          ? `A resolved issue can be reopened for ${supportReopenDays} days. Report a new one if the problem is back.`
          : "Resolved issues cannot be reopened here. Report a new one if the problem is back.",
      );
    await tx
      .update(supportIssues)
      .set({ status: "in_progress", resolvedAt: null })
      .where(eq(supportIssues.id, issueId));
    await addEvent(tx, issueId, context.actorId, {
      kind: "status",
      public: true,
      data: { from: "resolved", to: "in_progress", reopened: true },
    });
    await recordAudit(tx, context, {
      action: "support.reopened",
      targetType: "support_issue",
      targetId: issueId,
      before: { status: "resolved" },
      after: { status: "in_progress" },
    });
  });
}

/**
 * Assigns an issue to a handler whose reach covers it (its unit, its type and its account), or
 * takes the assignment away (null). The assignee is told in the dashboard.
 */
export async function assignIssue(
  db: Database,
  context: AuditContext,
  issueId: string,
  assigneeId: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (issue.assigneeId === assigneeId) return;
    if (assigneeId) {
      const assignee = await loadActor(tx, assigneeId);
      const [unit] = await tx.select({ path: nodes.path }).from(nodes).where(eq(nodes.id, issue.unitId));
      if (!assignee?.staff || !unit || !staffReaches(assignee.staff, { ...issue, unitPath: unit.path }))
        throw new DomainError(
          "BAD_REQUEST",
          "Choose a handler of this issue's unit who may handle its type and its customer (and is not suspended).",
        );
    }
    await tx.update(supportIssues).set({ assigneeId }).where(eq(supportIssues.id, issueId));
    const [named] = assigneeId
      ? await tx
          .select({ name: sql<string>`trim(${users.firstName} || ' ' || ${users.lastName})` })
          .from(users)
          .where(eq(users.id, assigneeId))
      : [];
    const assignment = await addEvent(tx, issueId, context.actorId, {
      kind: "assigned",
      public: false,
      data: { from: issue.assigneeId, to: assigneeId, toName: named?.name ?? null },
    });
    await recordAudit(tx, context, {
      action: "support.assigned",
      targetType: "support_issue",
      targetId: issueId,
      before: { assigneeId: issue.assigneeId },
      after: { assigneeId },
    });
    if (assigneeId && assigneeId !== context.actorId)
      await notify(tx, [assigneeId], {
        kind: "support_assigned",
        title: `Issue ${issue.number} is yours: ${issue.title}`,
        body: "It was assigned to you.",
        link: `/dashboard/support/${issueId}`,
        sourceId: assignment,
      });
  });
}

/**
 * The reportability decision on a device complaint. A serious incident ("yes") gets its reporting
 * deadline from the day the maker became aware (EU MDR Article 87): 2 days for a serious public
 * health threat, 10 for a death or an unanticipated serious deterioration of health, 15 otherwise.
 */
export async function decideReportability(
  db: Database,
  context: AuditContext,
  issueId: string,
  decision: { reportability: Reportability; reason: string; incident: SeriousIncidentClass | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (issue.reportability === null)
      throw new DomainError("BAD_REQUEST", "Only device complaints get a reportability decision.");
    if (decision.reportability === "yes" && !decision.incident)
      throw new DomainError("BAD_REQUEST", "Say what kind of serious incident it is: that sets the deadline.");
    const deadline =
      decision.reportability === "yes" && decision.incident
        ? reportingDeadline(issue.awareAt, decision.incident)
        : null;
    await tx
      .update(supportIssues)
      .set({
        reportability: decision.reportability,
        reportabilityReason: decision.reason,
        deadlineDays: deadline?.days ?? null,
        deadlineAt: deadline?.at ?? null,
      })
      .where(eq(supportIssues.id, issueId));
    await addEvent(tx, issueId, context.actorId, {
      kind: "reportability",
      public: false,
      body: decision.reason,
      data: { reportability: decision.reportability, deadlineDays: deadline?.days ?? null },
    });
    await recordAudit(tx, context, {
      action: "support.reportability_decided",
      targetType: "support_issue",
      targetId: issueId,
      before: { reportability: issue.reportability, deadlineAt: issue.deadlineAt },
      after: { reportability: decision.reportability, reason: decision.reason, deadlineAt: deadline?.at ?? null },
    });
  });
}
