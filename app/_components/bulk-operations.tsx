"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";
import type { BulkOperationKind } from "@/server/db/schema/bulk";

const numberFormat = new Intl.NumberFormat("en-GB");

/** How each kind of bulk action reads while it runs and once it is done. */
const wording: Record<BulkOperationKind, { running: string; done: string; noun: [string, string] }> = {
  invite: { running: "Inviting", done: "invited (their emails are on their way)", noun: ["user", "users"] },
  suspend: { running: "Suspending", done: "suspended", noun: ["user", "users"] },
  reactivate: { running: "Reactivating", done: "reactivated", noun: ["user", "users"] },
  add_to_group: { running: "Adding to a group", done: "added to the group", noun: ["user", "users"] },
  delete: { running: "Deleting", done: "deleted", noun: ["user", "users"] },
  accept_registrations: {
    running: "Accepting",
    done: "accepted (their emails to set a password are on their way)",
    noun: ["request", "requests"],
  },
  reject_registrations: { running: "Rejecting", done: "rejected", noun: ["request", "requests"] },
  import_users: { running: "Importing", done: "imported", noun: ["row", "rows"] },
  import_organisation: { running: "Importing", done: "imported", noun: ["line", "lines"] },
};

const counted = (n: number, [one, many]: [string, string]) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

/** A random key for one press of a bulk action's button: the server starts one operation per key. */
export function newRequestKey(): string {
  // getRandomValues, unlike randomUUID, works on a page served over plain http too.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The operations a page started (each once, however often the server answered with it). */
export function useStartedHere(): [string[], (operationId: string) => void] {
  const [ids, setIds] = useState<string[]>([]);
  const add = (operationId: string) =>
    setIds((known) => (known.includes(operationId) ? known : [...known, operationId]));
  return [ids, add];
}

/**
 * One bulk operation as the workers do it, read from the server every second until it is done:
 * a progress bar, a button to stop the rest, then what was done and each item that could not be,
 * with the reason. Any admin who may see the operation sees the same, on any instance.
 */
export function BulkOperationProgress({
  operationId,
  onDismiss,
  onFinished,
  onCancel,
}: {
  operationId: string;
  onDismiss?: () => void;
  onFinished?: () => void;
  /** Told when the viewer stops it (the list then keeps it, with its outcome). */
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const operation = useQuery(
    trpc.bulk.get.queryOptions(
      { operationId },
      { refetchInterval: (query) => (query.state.data?.finishedAt ? false : 1000) },
    ),
  );
  const cancel = useMutation(
    trpc.bulk.cancel.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.bulk.pathKey() }),
    }),
  );
  const data = operation.data;
  // Tell the page once, when an operation it saw running (or one just done) finishes: its tables
  // are then stale.
  const sawRunning = useRef(false);
  const reported = useRef(false);
  useEffect(() => {
    if (!data) return;
    if (!data.finishedAt) {
      sawRunning.current = true;
      return;
    }
    if (reported.current) return;
    reported.current = true;
    if (sawRunning.current || Date.now() - new Date(data.finishedAt).getTime() < 15_000) onFinished?.();
  }, [data, onFinished]);
  if (!data) {
    return operation.error ? (
      <p role="alert" className="text-sm text-red-800">
        {operation.error.message}
      </p>
    ) : (
      <p className="text-sm text-slate-700">Starting…</p>
    );
  }
  const words = wording[data.kind];
  const settled = data.counts.done + data.counts.failed + data.counts.cancelled;
  const by = data.startedByMe ? "" : ` (started by ${data.startedByName})`;

  if (!data.finishedAt) {
    return (
      <div className="rounded-lg border border-slate-300 bg-white p-3" data-testid="bulk-operation">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label htmlFor={`bulk-${data.id}`} className="text-sm text-slate-800">
            {words.running}… {numberFormat.format(settled)} of {counted(data.total, words.noun)}
            {by}
          </label>
          <button
            type="button"
            className={buttonClass}
            disabled={cancel.isPending || data.cancelledAt !== null}
            onClick={() => {
              onCancel?.();
              cancel.mutate({ operationId: data.id });
            }}
          >
            {data.cancelledAt || cancel.isPending ? "Stopping…" : "Stop the rest"}
          </button>
        </div>
        <progress id={`bulk-${data.id}`} className="mt-2 block h-2 w-full" max={data.total} value={settled} />
        <p className="mt-1 text-xs text-slate-600">
          This carries on if you close the page; come back to see how it went.
        </p>
        {cancel.error && (
          <p role="alert" className="mt-1 text-sm text-red-800">
            {cancel.error.message}
          </p>
        )}
      </div>
    );
  }

  const problems = data.counts.failed > 0 || data.counts.cancelled > 0;
  return (
    <div
      role="status"
      data-testid="bulk-operation"
      className={`rounded-md border px-3 py-2 text-sm ${problems ? "border-amber-300 bg-amber-50" : "border-green-200 bg-green-50"}`}
    >
      <p>
        {counted(data.counts.done, words.noun)} {words.done}
        {by}.{data.counts.cancelled > 0 && ` Stopped: ${counted(data.counts.cancelled, words.noun)} left as they were.`}
        {data.counts.failed > 0 && ` ${numberFormat.format(data.counts.failed)} could not be:`}
      </p>
      {data.failures.length > 0 && (
        <ul className="mt-1 max-h-60 list-disc overflow-y-auto pl-5">
          {data.failures.map((failure) => (
            <li key={failure.position} className="break-words">
              {failure.label}: {failure.message ?? "Not possible."}
            </li>
          ))}
          {data.counts.failed > data.failures.length && (
            <li>and {numberFormat.format(data.counts.failed - data.failures.length)} more.</li>
          )}
        </ul>
      )}
      {onDismiss && (
        <button type="button" className="mt-1 text-sm font-medium underline" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/**
 * The bulk operations of these kinds that the viewer may see: those running (their own and other
 * admins', so a closed tab or another admin's page shows the same progress), those started on this
 * page until dismissed, and, folded away, their own finished in the last day with the outcomes.
 */
export function BulkOperationList({
  kinds,
  startedHere = [],
  onFinished,
}: {
  kinds: BulkOperationKind[];
  /** Operations this page started: they stay, with their outcome, once finished. */
  startedHere?: string[];
  onFinished?: () => void;
}) {
  const trpc = useTRPC();
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [stoppedHere, setStoppedHere] = useState<string[]>([]);
  const [recentOpen, setRecentOpen] = useState(false);
  const list = useQuery(
    trpc.bulk.list.queryOptions(
      { kinds },
      { refetchInterval: (query) => (query.state.data?.some((o) => !o.finishedAt) ? 2000 : 15_000) },
    ),
  );
  const operations = list.data ?? [];
  const kept = [...new Set([...startedHere, ...stoppedHere])];
  const shownIds = [
    ...kept,
    ...operations.filter((o) => !o.finishedAt && !kept.includes(o.id)).map((o) => o.id),
  ].filter((id) => !dismissed.includes(id));
  const recent = operations.filter((o) => o.finishedAt && o.startedByMe && !shownIds.includes(o.id));
  if (shownIds.length === 0 && recent.length === 0) return null;
  return (
    <div className="space-y-2">
      {shownIds.map((id) => (
        <BulkOperationProgress
          key={id}
          operationId={id}
          onFinished={onFinished}
          onCancel={() => setStoppedHere((ids) => [...ids, id])}
          onDismiss={() => setDismissed((ids) => [...ids, id])}
        />
      ))}
      {recent.length > 0 && (
        <details
          className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
          onToggle={(e) => setRecentOpen(e.currentTarget.open)}
        >
          <summary className="cursor-pointer font-medium text-slate-800">
            Your bulk actions of the last day ({recent.length})
          </summary>
          {recentOpen && (
            <ul className="mt-2 space-y-2">
              {recent.map((o) => (
                <li key={o.id}>
                  <p className="mb-1 text-xs text-slate-600">
                    <LocalTime value={o.createdAt} />
                  </p>
                  <BulkOperationProgress operationId={o.id} />
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </div>
  );
}
