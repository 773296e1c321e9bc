"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, Section } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";

const stars = (n: number) => "★".repeat(n) + "☆".repeat(5 - n);

/**
 * What the item's readers said, per published version: the average, how many gave each rating, and
 * the comments, newest first. Only the people in the admin's scope count; editors mark comments handled.
 */
export function FeedbackPanel({ itemId, mayHandle }: { itemId: string; mayHandle: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [versionId, setVersionId] = useState<string | undefined>(undefined);
  const [rating, setRating] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const input = {
    itemId,
    page,
    ...(versionId ? { versionId } : {}),
    ...(rating ? { rating } : {}),
  };
  const summary = useQuery(trpc.feedback.summary.queryOptions(input, { placeholderData: keepPreviousData }));
  const handle = useMutation(
    trpc.feedback.markHandled.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.feedback.summary.pathKey() }),
    }),
  );

  const data = summary.data;
  const shown = data?.versions.find((v) => v.id === data.versionId) ?? data?.versions[0];
  const pages = data ? Math.max(1, Math.ceil(data.commentCount / (data.pageSize ?? 20))) : 1;

  return (
    <Section title="Feedback" id="feedback">
      {summary.isPending ? (
        <p className="text-sm text-slate-600">Loading the feedback…</p>
      ) : summary.isError ? (
        <p role="alert" className="text-sm text-red-800">
          The feedback could not be loaded. Reload the page to try again.
        </p>
      ) : !data || !shown ? (
        <p className="text-sm text-slate-600">No version has been published yet: feedback comes once people have it.</p>
      ) : (
        <div className="space-y-4 text-sm">
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="feedback-version" className={labelClass}>
                Version
              </label>
              <select
                id="feedback-version"
                value={shown.id}
                onChange={(e) => {
                  setVersionId(e.target.value);
                  setPage(1);
                }}
                className={inputClass}
              >
                {data.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    Version {v.number}
                    {v.status === "published" ? " (published now)" : ""} · {v.count}{" "}
                    {v.count === 1 ? "rating" : "ratings"}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="feedback-rating" className={labelClass}>
                Comments with
              </label>
              <select
                id="feedback-rating"
                value={rating ?? ""}
                onChange={(e) => {
                  setRating(e.target.value ? Number(e.target.value) : undefined);
                  setPage(1);
                }}
                className={inputClass}
              >
                <option value="">Any rating</option>
                {[5, 4, 3, 2, 1].map((r) => (
                  <option key={r} value={r}>
                    {r} {r === 1 ? "star" : "stars"}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {shown.count === 0 ? (
            <p className="text-slate-600">Nobody in your scope has rated version {shown.number} yet.</p>
          ) : (
            <div className="grid gap-4 sm:grid-cols-[auto_1fr] sm:items-center">
              <p>
                <span className="block text-3xl font-semibold tabular-nums">{shown.average?.toFixed(1)}</span>
                <span className="text-slate-600">
                  of 5, from {shown.count} {shown.count === 1 ? "person" : "people"}
                </span>
              </p>
              <ul aria-label="How many gave each rating" className="space-y-1">
                {[5, 4, 3, 2, 1].map((r) => {
                  const n = shown.distribution[r - 1] ?? 0;
                  return (
                    <li key={r} className="grid grid-cols-[4.5rem_1fr_2.5rem] items-center gap-2">
                      <span>
                        {r} {r === 1 ? "star" : "stars"}
                      </span>
                      <span className="block h-2.5 rounded bg-slate-100" aria-hidden>
                        <span
                          className="block h-2.5 rounded bg-amber-500"
                          style={{ width: `${Math.round((100 * n) / shown.count)}%` }}
                        />
                      </span>
                      <span className="text-right tabular-nums">{n}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {data.comments.length === 0 ? (
            <p className="text-slate-600">
              {rating ? "No comment with this rating." : "No comment on this version yet."}
            </p>
          ) : (
            <ul aria-label="Comments" className="space-y-2">
              {data.comments.map((c) => (
                <li
                  key={c.id}
                  className={`rounded-md border p-3 ${c.handledAt ? "border-slate-200 bg-slate-50" : "border-slate-200 bg-white"}`}
                >
                  <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span>
                      <span className="text-amber-600" aria-label={`${c.rating} of 5`}>
                        {stars(c.rating)}
                      </span>{" "}
                      <span className="font-medium">{c.authorName}</span>
                    </span>
                    <span className="text-xs text-slate-600">
                      <LocalTime value={c.updatedAt} />
                    </span>
                  </p>
                  <p className="mt-1 break-words whitespace-pre-wrap">{c.comment}</p>
                  <p className="mt-1 flex flex-wrap items-center gap-3 text-xs">
                    {c.handledAt ? (
                      <span className="rounded bg-green-100 px-2 py-0.5 text-green-800">Handled</span>
                    ) : (
                      <span className="rounded bg-blue-100 px-2 py-0.5 text-blue-800">Open</span>
                    )}
                    {mayHandle && (
                      <button
                        type="button"
                        className="font-medium text-brand-800 underline"
                        disabled={handle.isPending}
                        onClick={() => handle.mutate({ feedbackId: c.id, handled: !c.handledAt })}
                      >
                        {c.handledAt ? "Mark as open again" : "Mark as handled"}
                      </button>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <ErrorNotice error={handle.error} />
          {pages > 1 && (
            <nav aria-label="Comment pages" className="flex items-center justify-between">
              <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Newer
              </button>
              <span>
                Page {page} of {pages}
              </span>
              <button type="button" className={buttonClass} disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Older
              </button>
            </nav>
          )}
        </div>
      )}
    </Section>
  );
}
