"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import {
  ErrorNotice,
  Facts,
  inputClass,
  labelClass,
  primaryButtonClass,
  buttonClass,
  Section,
} from "@/app/_components/controls";
import { AttachFile } from "@/app/_components/upload";
import { IssueHistory } from "@/app/_components/issue-history";
import { IssueStatusLabel, issueStatusText, SeverityLabel } from "@/app/_components/issue-labels";
import { LocalDate, LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";
import type { SupportIssueStatus } from "@/server/db/schema";
import { seriousIncidentLabel, type SeriousIncidentClass } from "@/server/support/deadline";
import { nextStatuses } from "@/server/support/workflow";

/** An issue for its handlers (and the admins who read along): the facts, the decisions, the history. */
export function HandlerIssue({ issueId }: { issueId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issue = useQuery(trpc.support.byId.queryOptions({ issueId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
  const done = { onSuccess: () => void refresh() };
  const setStatus = useMutation(trpc.support.setStatus.mutationOptions(done));
  const assign = useMutation(trpc.support.assign.mutationOptions(done));
  const [message, setMessage] = useState("");
  const [internal, setInternal] = useState(false);
  const respond = useMutation(trpc.support.respond.mutationOptions({ onSuccess: () => void refresh() }));
  const may = issue.data?.may;
  const assignable = useQuery(trpc.support.assignable.queryOptions({ issueId }, { enabled: may?.assign === true }));

  if (issue.isPending) return <p className="text-sm text-slate-600">Loading the issue…</p>;
  if (issue.isError)
    return (
      <div className="mx-auto max-w-4xl">
        <Breadcrumb trail={[{ href: "/dashboard/support", label: "Support" }]} current="Issue" />
        <p role="alert" className="mt-4 text-sm text-slate-700">
          {issue.error.data?.code === "NOT_FOUND"
            ? "There is no such issue within your reach."
            : "The issue could not be loaded. Reload the page to try again."}
        </p>
      </div>
    );
  const i = issue.data;
  const messageError = respond.error?.data?.zodIssues?.fieldErrors.body?.[0];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <Breadcrumb trail={[{ href: "/dashboard/support", label: "Support" }]} current={`Issue ${i.number}`} />
      <header>
        <p className="text-sm text-slate-600">
          Issue {i.number} · {i.typeName} · handled by {i.unitName}
        </p>
        <h1 className="text-2xl font-semibold break-words">{i.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <IssueStatusLabel value={i.status} />
          <SeverityLabel value={i.severity} />
          {i.assigneeSuspended && (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
              Handler suspended: reassign it
            </span>
          )}
        </p>
        {!may?.handle && (
          <p className="mt-2 text-sm text-slate-600">
            You read this issue because its reporter is in your part of the organisation; its handlers answer it.
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Reported">
          <Facts
            rows={[
              ["By", `${i.reporterName || "A deleted user"}${i.reporterEmail ? ` (${i.reporterEmail})` : ""}`],
              ["Customer", i.customerName ?? "—"],
              ["About", i.itemTitle ?? "Nothing in particular"],
              ["When", <LocalTime key="when" value={i.createdAt} />],
            ]}
          />
          <p className="mt-3 text-sm break-words whitespace-pre-wrap">{i.description}</p>
        </Section>
        <Section title="Handling">
          {may?.handle && (
            <div>
              <label htmlFor="issue-status" className={labelClass}>
                Status
              </label>
              <select
                id="issue-status"
                value=""
                disabled={setStatus.isPending}
                onChange={(e) => {
                  if (e.target.value) setStatus.mutate({ issueId, status: e.target.value as SupportIssueStatus });
                }}
                className={inputClass}
              >
                <option value="">{issueStatusText(i.status)} (now): move it to…</option>
                {nextStatuses[i.status].map((to) => (
                  <option key={to} value={to}>
                    {issueStatusText(to)}
                  </option>
                ))}
              </select>
              <ErrorNotice error={setStatus.error} />
            </div>
          )}
          <div className="mt-3">
            {may?.assign ? (
              <>
                <label htmlFor="issue-assignee" className={labelClass}>
                  Handler
                </label>
                <select
                  id="issue-assignee"
                  value={i.assigneeId ?? ""}
                  disabled={assign.isPending}
                  onChange={(e) => assign.mutate({ issueId, assigneeId: e.target.value || null })}
                  className={inputClass}
                >
                  <option value="">Unassigned</option>
                  {i.assigneeId && !assignable.data?.some((h) => h.id === i.assigneeId) && (
                    <option value={i.assigneeId}>{i.assigneeName} (no longer able to handle it)</option>
                  )}
                  {assignable.data?.map((handler) => (
                    <option key={handler.id} value={handler.id}>
                      {handler.name || handler.email}
                    </option>
                  ))}
                </select>
                <ErrorNotice error={assign.error} />
              </>
            ) : (
              <p className="text-sm">
                {i.viewer === "handler"
                  ? `Handler: ${i.assigneeName || "Unassigned"}`
                  : `Handled by ${i.unitName}. Who handles it there, their internal notes and the reportability decision are theirs.`}
              </p>
            )}
          </div>
          {i.deviceComplaint && (
            <DeviceComplaint
              issue={i}
              decision={i.viewer === "handler"}
              mayDecide={may?.handle === true}
              onDone={refresh}
            />
          )}
        </Section>
      </div>

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          History
        </h2>
        <div className="mt-2">
          <IssueHistory issueId={issueId} events={i.events} reporterView={false} />
        </div>
      </section>

      {may?.handle && (
        <form
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          onSubmit={(event) => {
            event.preventDefault();
            const sent = message;
            // Cleared once sent, unless the handler already started the next message meanwhile.
            respond.mutate(
              { issueId, body: sent, internal },
              { onSuccess: () => setMessage((current) => (current === sent ? "" : current)) },
            );
          }}
        >
          <label htmlFor="issue-message" className={labelClass}>
            {internal ? "Internal note (the reporter never sees it)" : "Reply to the reporter (they are emailed)"}
          </label>
          <textarea
            id="issue-message"
            rows={4}
            maxLength={10_000}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={messageError ? true : undefined}
            className={`${inputClass} ${internal ? "bg-amber-50" : ""}`}
          />
          {messageError && (
            <p role="alert" className="text-sm text-red-700">
              {messageError}
            </p>
          )}
          {respond.error && !messageError && <ErrorNotice error={respond.error} />}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
            Internal note
          </label>
          <button type="submit" className={primaryButtonClass} disabled={respond.isPending}>
            {respond.isPending ? "Sending…" : internal ? "Add the note" : "Send the reply"}
          </button>
          {may.attach && (
            <div className="border-t border-slate-200 pt-3">
              <AttachFile
                url={`/api/support/${issueId}/files`}
                label={internal ? "Attach a file to the notes" : "Attach a file"}
                note={internal ? "The reporter does not see it." : undefined}
                fields={{ internal: String(internal) }}
                onDone={() => void refresh()}
              />
            </div>
          )}
        </form>
      )}
    </div>
  );
}

interface ComplaintFacts {
  deviceSerial: string | null;
  eventDate: string | null;
  harm: boolean | null;
  reportability: "undecided" | "yes" | "no" | null;
  reportabilityReason: string | null;
  deadlineAt: Date | string | null;
  deadlineDaysLeft: number | null;
}

/**
 * The device, whether anyone was harmed, and (for its handlers: `decision`) the reportability
 * decision with its deadline.
 */
function DeviceComplaint({
  issue,
  decision,
  mayDecide,
  onDone,
}: {
  issue: ComplaintFacts & { id: string };
  decision: boolean;
  mayDecide: boolean;
  onDone: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const decide = useMutation(trpc.support.decideReportability.mutationOptions({ onSuccess: () => void onDone() }));
  const [reportability, setReportability] = useState(issue.reportability ?? "undecided");
  const [incident, setIncident] = useState<SeriousIncidentClass | "">("");
  const [reason, setReason] = useState(issue.reportabilityReason ?? "");
  const left = issue.deadlineDaysLeft;
  return (
    <div className="mt-4 space-y-3 border-t border-slate-200 pt-4 text-sm">
      <h3 className="font-semibold">Device complaint</h3>
      <Facts
        rows={[
          ["Serial or lot", issue.deviceSerial ?? "—"],
          ["Event on", <LocalDate key="event" value={issue.eventDate} />],
          ["Someone harmed", issue.harm ? "Yes" : "No"],
          ...(decision
            ? [
                [
                  "Reportable",
                  issue.reportability === "yes"
                    ? "Yes: a serious incident"
                    : issue.reportability === "no"
                      ? "No"
                      : "Not decided yet",
                ] satisfies [string, string],
              ]
            : []),
        ]}
      />
      {issue.deadlineAt && left !== null && (
        <p
          role="status"
          className={`rounded-md border px-3 py-2 ${left < 0 ? "border-red-300 bg-red-50 text-red-900" : left <= 2 ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50"}`}
        >
          {left < 0
            ? `The report to the authorities is overdue by ${-left} ${left === -1 ? "day" : "days"}`
            : left === 0
              ? "The report to the authorities is due today"
              : `The report to the authorities is due in ${left} ${left === 1 ? "day" : "days"}`}{" "}
          (<LocalTime value={issue.deadlineAt} />
          ).
        </p>
      )}
      {mayDecide && (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate({
              issueId: issue.id,
              reportability,
              reason,
              incident: reportability === "yes" && incident ? incident : null,
            });
          }}
        >
          <fieldset>
            <legend className={labelClass}>Is it a serious incident to report?</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {(["undecided", "yes", "no"] as const).map((value) => (
                <label key={value} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="reportability"
                    checked={reportability === value}
                    onChange={() => setReportability(value)}
                  />
                  {value === "undecided" ? "Undecided" : value === "yes" ? "Yes" : "No"}
                </label>
              ))}
            </div>
          </fieldset>
          {reportability === "yes" && (
            <div>
              <label htmlFor="incident-kind" className={labelClass}>
                Kind of serious incident (sets the deadline)
              </label>
              <select
                id="incident-kind"
                value={incident}
                onChange={(e) => setIncident(e.target.value as SeriousIncidentClass | "")}
                className={inputClass}
              >
                <option value="">Choose…</option>
                {Object.entries(seriousIncidentLabel).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="reportability-reason" className={labelClass}>
              Reason
            </label>
            <textarea
              id="reportability-reason"
              rows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputClass}
            />
          </div>
          <ErrorNotice error={decide.error} />
          <button type="submit" className={buttonClass} disabled={decide.isPending}>
            {decide.isPending ? "Saving…" : "Record the decision"}
          </button>
        </form>
      )}
    </div>
  );
}
