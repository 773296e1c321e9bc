"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { AttachFile } from "@/app/_components/upload";
import { IssueHistory } from "@/app/_components/issue-history";
import { IssueStatusLabel, SeverityLabel } from "@/app/_components/issue-labels";
import { LocalDate, LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";

/** A reporter's own issue: what they reported, the answers, their reply, and reopening. */
export function ReporterIssue({ issueId }: { issueId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issue = useQuery(trpc.support.byId.queryOptions({ issueId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
  const [body, setBody] = useState("");
  const followUp = useMutation(trpc.support.followUp.mutationOptions({ onSuccess: () => void refresh() }));
  const reopen = useMutation(trpc.support.reopen.mutationOptions({ onSuccess: () => void refresh() }));

  if (issue.isPending) return <p className="text-sm text-slate-600">Loading the issue…</p>;
  if (issue.isError)
    return (
      <div className="mx-auto max-w-3xl">
        <Breadcrumb trail={[{ href: "/portal/support", label: "Support" }]} current="Issue" />
        <p role="alert" className="mt-4 text-sm text-slate-700">
          {issue.error.data?.code === "NOT_FOUND"
            ? "There is no such issue among yours."
            : "The issue could not be loaded. Reload the page to try again."}
        </p>
      </div>
    );
  const i = issue.data;
  const replyError = followUp.error?.data?.zodIssues?.fieldErrors.body?.[0];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Breadcrumb trail={[{ href: "/portal/support", label: "Support" }]} current={`Issue ${i.number}`} />
      <header>
        <p className="text-sm text-slate-600">
          Issue {i.number} · {i.typeName}
        </p>
        <h1 className="text-2xl font-semibold break-words">{i.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <IssueStatusLabel value={i.status} />
          <SeverityLabel value={i.severity} />
          <span className="text-slate-600">
            Reported <LocalTime value={i.createdAt} />
          </span>
        </p>
      </header>
      <section aria-label="What you reported" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {i.itemTitle && <p className="text-slate-600">About: {i.itemTitle}</p>}
        <p className="mt-1 break-words whitespace-pre-wrap">{i.description}</p>
        {i.deviceComplaint && (
          <p className="mt-3 text-slate-700">
            Device {i.deviceSerial} · event on <LocalDate value={i.eventDate} /> ·{" "}
            {i.harm ? "someone was harmed" : "no one was harmed"}
          </p>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          Answers and changes
        </h2>
        <div className="mt-2">
          <IssueHistory issueId={issueId} events={i.events} reporterView />
        </div>
      </section>
      {i.status === "resolved" && (
        <div className="rounded-lg border border-green-200 bg-green-50 p-4 text-sm">
          <p>The support team considers this resolved. Not so? Reopen it and say why below.</p>
          <button
            type="button"
            className={`${buttonClass} mt-2`}
            disabled={reopen.isPending}
            onClick={() => reopen.mutate({ issueId })}
          >
            {reopen.isPending ? "Reopening…" : "Reopen the issue"}
          </button>
          <ErrorNotice error={reopen.error} />
        </div>
      )}
      {i.status !== "closed" ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            const sent = body;
            // Cleared once sent, unless the next reply was already begun meanwhile.
            followUp.mutate(
              { issueId, body: sent },
              { onSuccess: () => setBody((current) => (current === sent ? "" : current)) },
            );
          }}
        >
          <label htmlFor="follow-up" className={labelClass}>
            Your reply
          </label>
          <textarea
            id="follow-up"
            rows={4}
            maxLength={10_000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={replyError ? true : undefined}
            className={inputClass}
          />
          {replyError && (
            <p role="alert" className="text-sm text-red-700">
              {replyError}
            </p>
          )}
          {followUp.error && !replyError && <ErrorNotice error={followUp.error} />}
          <button type="submit" className={primaryButtonClass} disabled={followUp.isPending}>
            {followUp.isPending ? "Sending…" : "Send reply"}
          </button>
          {i.may.attach && (
            <div className="border-t border-slate-200 pt-3">
              <AttachFile url={`/api/support/${issueId}/files`} label="Attach a file" onDone={() => void refresh()} />
            </div>
          )}
        </form>
      ) : (
        <p className="text-sm text-slate-600">This issue is closed. Report a new one if the problem is back.</p>
      )}
    </div>
  );
}
