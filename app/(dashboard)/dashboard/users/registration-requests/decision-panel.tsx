"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { newRequestKey } from "@/app/_components/bulk-operations";
import {
  buttonClass,
  dangerButtonClass,
  ErrorNotice,
  inputClass,
  labelClass,
  primaryButtonClass,
} from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import type { RequestRow } from "@/server/registration/review-requests";
import { ModalDialog } from "@/app/_components/modal-dialog";

export type Decision = "accept" | "reject";

const plural = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "request" : "requests"}`;

/**
 * Confirms a decision on the selected requests and starts it as one bulk operation; the page then
 * shows its progress and the requests that could not be decided, with the reason.
 */
export function DecisionPanel(props: {
  decision: Decision;
  requestIds: string[];
  rows: RequestRow[];
  onClose: () => void;
  onStarted: (operationId: string) => void;
}) {
  const trpc = useTRPC();
  const started = ({ operationId }: { operationId: string }) => props.onStarted(operationId);
  const accept = useMutation(trpc.registration.accept.mutationOptions({ onSuccess: started }));
  const reject = useMutation(trpc.registration.reject.mutationOptions({ onSuccess: started }));
  // One key per dialog: pressing its button twice (or a retried request) starts one operation.
  const [requestKey] = useState(newRequestKey);
  const pending = accept.isPending || reject.isPending;
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
  function run() {
    const requestIds = props.requestIds;
    if (props.decision === "accept")
      accept.mutate({ requestKey, requestIds, groupId: placement === "chosen" ? groupId : null });
    else reject.mutate({ requestKey, requestIds, reason, notify });
  }

  return (
    <ModalDialog labelledBy="decision-title" onClose={props.onClose} dismissible={!pending}>
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
        <ErrorNotice error={accept.error ?? reject.error} />
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={props.decision === "accept" ? primaryButtonClass : dangerButtonClass}
            disabled={pending || (props.decision === "accept" && placement === "chosen" && !groupId)}
            onClick={run}
          >
            {pending
              ? "Starting…"
              : props.decision === "accept"
                ? `Accept ${plural(count)}`
                : `Reject ${plural(count)}`}
          </button>
          <button type="button" className={buttonClass} disabled={pending} onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
