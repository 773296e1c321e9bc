"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, dangerButtonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import { decisionChunkSize } from "@/server/api/routers/registration/review.schema";
import type { RequestRow } from "@/server/registration/review-requests";
import { ModalDialog } from "@/app/_components/modal-dialog";

export type Decision = "accept" | "reject";

const plural = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "request" : "requests"}`;

/**
 * Confirms a decision on the selected requests, then sends them in chunks with a progress bar
 * and reports the ones that could not be decided, with the reason.
 */
export function DecisionPanel(props: {
  decision: Decision;
  requestIds: string[];
  rows: RequestRow[];
  onClose: () => void;
  onFinished: () => void;
}) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.registration.accept.mutationOptions());
  const reject = useMutation(trpc.registration.reject.mutationOptions());
  const count = props.requestIds.length;
  // What the loaded rows say about where the selection would go by default.
  const shown = props.rows.filter((r) => props.requestIds.includes(r.id));
  const suggestions = [
    ...new Map(
      shown.flatMap((r) =>
        r.suggestedGroup
          ? [[r.suggestedGroup.id, `${r.suggestedGroup.name} (${r.facility?.path.at(-1) ?? ""})`] as const]
          : [],
      ),
    ).values(),
  ];
  const everyShownHasSuggestion = shown.length > 0 && shown.every((r) => r.suggestedGroup);
  const [placement, setPlacement] = useState<"suggested" | "chosen">(
    everyShownHasSuggestion || shown.length === 0 ? "suggested" : "chosen",
  );
  const [groupId, setGroupId] = useState("");
  const [reason, setReason] = useState("");
  const [notify, setNotify] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<{ ok: number; failed: { name: string; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = new Map(props.rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));

  async function run() {
    setError(null);
    setProgress({ done: 0, total: count });
    let ok = 0;
    const failed: { name: string; message: string }[] = [];
    try {
      for (let i = 0; i < count; i += decisionChunkSize) {
        const requestIds = props.requestIds.slice(i, i + decisionChunkSize);
        const { outcomes } =
          props.decision === "accept"
            ? await accept.mutateAsync({ requestIds, groupId: placement === "chosen" ? groupId : null })
            : await reject.mutateAsync({ requestIds, reason, notify });
        for (const outcome of outcomes) {
          if (outcome.ok) ok += 1;
          else
            failed.push({
              name: names.get(outcome.requestId) ?? "A request on another page",
              message: outcome.message ?? "Not possible.",
            });
        }
        setProgress({ done: Math.min(i + requestIds.length, count), total: count });
      }
      setReport({ ok, failed });
      props.onFinished();
    } catch (caught) {
      setError(
        caught instanceof Error
          ? caught.message
          : "The decision stopped part-way. Reload the page to see what changed.",
      );
    } finally {
      setProgress(null);
    }
  }

  if (report) {
    return (
      <div
        role="status"
        className={`mt-3 rounded-md border px-3 py-2 text-sm ${report.failed.length ? "border-amber-300 bg-amber-50" : "border-green-200 bg-green-50"}`}
      >
        <p>
          {props.decision === "accept"
            ? `${plural(report.ok)} accepted: ${report.ok === 1 ? "the email" : "their emails"} to set a password ${report.ok === 1 ? "is" : "are"} on the way.`
            : `${plural(report.ok)} rejected${notify ? "; the people are being told by email" : ""}.`}
          {report.failed.length > 0 &&
            ` ${report.failed.length} could not be ${props.decision === "accept" ? "accepted" : "rejected"} and stay pending:`}
        </p>
        {report.failed.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {report.failed.slice(0, 20).map((f, i) => (
              <li key={i}>
                {f.name}: {f.message}
              </li>
            ))}
            {report.failed.length > 20 && <li>and {report.failed.length - 20} more.</li>}
          </ul>
        )}
        <button type="button" className="mt-1 text-sm font-medium underline" onClick={props.onClose}>
          Dismiss
        </button>
      </div>
    );
  }

  return (
    <ModalDialog labelledBy="decision-title" onClose={props.onClose} dismissible={progress === null}>
      <div className="space-y-3">
        <p id="decision-title" className="font-medium">
          {props.decision === "accept" ? `Accept ${plural(count)}?` : `Reject ${plural(count)}?`}
        </p>
        {props.decision === "accept" ? (
          <>
            <p className="text-sm text-slate-700">
              Each person becomes a product user and gets an email with a link to set their password.
            </p>
            <fieldset className="space-y-2 text-sm">
              <legend className="sr-only">Where to place them</legend>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="placement"
                  className="mt-0.5"
                  checked={placement === "suggested"}
                  onChange={() => setPlacement("suggested")}
                />
                <span>
                  Each in the suggested group of their facility
                  {suggestions.length > 0 && <span className="block text-slate-600">{suggestions.join("; ")}</span>}
                  {shown.length > 0 && !everyShownHasSuggestion && (
                    <span className="block text-amber-800">
                      Some selected requests have no suggested group; they will stay pending.
                    </span>
                  )}
                </span>
              </label>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="placement"
                  className="mt-0.5"
                  checked={placement === "chosen"}
                  onChange={() => setPlacement("chosen")}
                />
                <span>All in one group I choose</span>
              </label>
            </fieldset>
            {placement === "chosen" && (
              <NodePicker
                kind="group"
                purpose="registration"
                legend="User group"
                value={groupId}
                onChange={setGroupId}
              />
            )}
          </>
        ) : (
          <>
            <div>
              <label htmlFor="reject-reason" className={labelClass}>
                Reason <span className="font-normal text-slate-500">(optional)</span>
              </label>
              <textarea
                id="reject-reason"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className={inputClass}
              />
            </div>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4"
                checked={notify}
                onChange={(e) => setNotify(e.target.checked)}
              />
              <span>Tell them by email{reason.trim() ? ", with the reason" : ""}</span>
            </label>
          </>
        )}
        {progress && (
          <div>
            <label htmlFor="decision-progress" className="text-sm text-slate-700">
              Working… {progress.done.toLocaleString("en-GB")} of {progress.total.toLocaleString("en-GB")}
            </label>
            <progress
              id="decision-progress"
              className="mt-1 block h-2 w-full"
              max={progress.total}
              value={progress.done}
            />
          </div>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={props.decision === "accept" ? primaryButtonClass : dangerButtonClass}
            disabled={progress !== null || (props.decision === "accept" && placement === "chosen" && !groupId)}
            onClick={() => void run()}
          >
            {props.decision === "accept" ? `Accept ${plural(count)}` : `Reject ${plural(count)}`}
          </button>
          <button type="button" className={buttonClass} disabled={progress !== null} onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
