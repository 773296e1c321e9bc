"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, dangerButtonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import { bulkChunkSize } from "@/server/api/routers/users/bulk.schema";
import { ModalDialog } from "@/app/_components/modal-dialog";

type BulkAction = "invite" | "suspend" | "reactivate" | "addToGroup" | "delete";
const verb: Record<BulkAction, { button: string; done: string }> = {
  invite: { button: "Invite", done: "invited (their emails are on their way)" },
  suspend: { button: "Suspend", done: "suspended" },
  reactivate: { button: "Reactivate", done: "reactivated" },
  addToGroup: { button: "Add to group", done: "added to the group" },
  delete: { button: "Delete", done: "deleted" },
};

interface Selected {
  id: string;
  name: string;
}

/**
 * The bar above the users table when rows are selected: pick an action, confirm it, and watch
 * it go through in chunks with a progress bar; users the action could not reach are listed with
 * the reason.
 */
export function BulkActions({
  selected,
  onFinished,
  nodeId,
}: {
  selected: Selected[];
  onFinished: (action: BulkAction) => void;
  nodeId?: string | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bulk = useMutation(trpc.users.bulk.mutationOptions());
  const [action, setAction] = useState<BulkAction | null>(null);
  const [groupId, setGroupId] = useState("");
  const [typed, setTyped] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<{
    action: BulkAction;
    ok: number;
    failed: { name: string; message: string }[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = selected.length;
  const deletePhrase = `delete ${count}`;

  const [inviteAll, setInviteAll] = useState<{ userIds: string[]; more: boolean } | null>(null);
  const findNotInvited = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.users.notInvited.queryOptions({ nodeId }, { staleTime: 0 })),
    onSuccess: (found) => {
      setAction(null);
      setInviteAll(found);
    },
  });

  async function run(chosen: BulkAction, targets: Selected[] = selected) {
    setError(null);
    const total = targets.length;
    setProgress({ done: 0, total });
    let ok = 0;
    const failed: { name: string; message: string }[] = [];
    const names = new Map(targets.map((s) => [s.id, s.name]));
    try {
      for (let i = 0; i < total; i += bulkChunkSize) {
        const chunk = targets.slice(i, i + bulkChunkSize).map((s) => s.id);
        const { outcomes } = await bulk.mutateAsync({
          action: chosen,
          userIds: chunk,
          ...(chosen === "addToGroup" ? { groupId } : {}),
          ...(chosen === "delete" ? { confirmDeletion: true as const } : {}),
        });
        for (const outcome of outcomes) {
          if (outcome.ok) ok += 1;
          else
            failed.push({
              name: names.get(outcome.userId) ?? outcome.userId,
              message: outcome.message ?? "Not possible.",
            });
        }
        setProgress({ done: Math.min(i + chunk.length, total), total });
      }
      setReport({ action: chosen, ok, failed });
      setAction(null);
      setInviteAll(null);
      setTyped("");
      onFinished(chosen);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The action stopped. Reload the page to see what changed.");
    } finally {
      setProgress(null);
      void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.organisation.pathKey() });
    }
  }

  return (
    <div className="mt-4 space-y-3">
      {report && (
        <div
          role="status"
          className={`rounded-md border px-3 py-2 text-sm ${report.failed.length ? "border-amber-300 bg-amber-50" : "border-green-200 bg-green-50"}`}
        >
          <p>
            {report.ok} {report.ok === 1 ? "user" : "users"} {verb[report.action].done}.
            {report.failed.length > 0 && ` ${report.failed.length} could not be:`}
          </p>
          {report.failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {report.failed.map((f) => (
                <li key={f.name}>
                  {f.name}: {f.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="mt-1 text-sm font-medium underline" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </div>
      )}
      {count === 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={buttonClass}
            disabled={findNotInvited.isPending || progress !== null}
            onClick={() => findNotInvited.mutate()}
          >
            {findNotInvited.isPending ? "Finding who is not invited…" : "Invite everyone not yet invited"}
          </button>
          {findNotInvited.error && <span className="text-sm text-red-800">{findNotInvited.error.message}</span>}
        </div>
      )}
      {inviteAll && progress === null && (
        <ModalDialog labelledBy="invite-all-title" onClose={() => setInviteAll(null)}>
          {inviteAll.userIds.length === 0 ? (
            <p id="invite-all-title" className="text-sm">
              Everyone here has been invited already (suspended users are left out).
            </p>
          ) : (
            <p id="invite-all-title" className="text-sm font-medium">
              Send an invitation to the {inviteAll.userIds.length.toLocaleString("en-GB")} users here who were never
              invited?
              {inviteAll.more && " (The first 10,000; run it again for the rest.)"}
            </p>
          )}
          <div className="mt-2 flex gap-2">
            {inviteAll.userIds.length > 0 && (
              <button
                type="button"
                className={primaryButtonClass}
                onClick={() =>
                  void run(
                    "invite",
                    inviteAll.userIds.map((id) => ({ id, name: "A user" })),
                  )
                }
              >
                Invite {inviteAll.userIds.length.toLocaleString("en-GB")} users
              </button>
            )}
            <button type="button" className={buttonClass} onClick={() => setInviteAll(null)}>
              {inviteAll.userIds.length ? "Cancel" : "Close"}
            </button>
          </div>
        </ModalDialog>
      )}
      {progress && count === 0 && (
        <div>
          <label htmlFor="invite-all-progress" className="text-sm text-slate-700">
            Inviting… {progress.done.toLocaleString("en-GB")} of {progress.total.toLocaleString("en-GB")}
          </label>
          <progress
            id="invite-all-progress"
            className="mt-1 block h-2 w-full"
            max={progress.total}
            value={progress.done}
          />
        </div>
      )}
      {count > 0 && (
        <div className="rounded-lg border border-slate-300 bg-brand-50 p-3" data-testid="bulk-bar">
          <div className="flex flex-wrap items-center gap-2">
            <p className="mr-2 text-sm font-medium">{count} selected</p>
            {(Object.keys(verb) as BulkAction[]).map((a) => (
              <button
                key={a}
                type="button"
                className={buttonClass}
                disabled={progress !== null}
                onClick={() => {
                  setAction(a);
                  setTyped("");
                  setError(null);
                }}
                aria-pressed={action === a}
              >
                {verb[a].button}
              </button>
            ))}
          </div>

          {action && progress === null && (
            <ModalDialog labelledBy="bulk-confirm-title" onClose={() => setAction(null)}>
              <div className="space-y-3">
                <p id="bulk-confirm-title" className="font-medium">
                  {action === "invite" &&
                    `Send an invitation to ${count} ${count === 1 ? "user" : "users"}? Anyone invited before gets a new link; the old one stops working.`}
                  {action === "suspend" &&
                    `Suspend ${count} ${count === 1 ? "user" : "users"}? They lose access at their next click; their history is kept.`}
                  {action === "reactivate" &&
                    `Reactivate ${count} ${count === 1 ? "user" : "users"}? Each takes a seat again.`}
                  {action === "addToGroup" && `Add ${count} ${count === 1 ? "user" : "users"} to a group:`}
                  {action === "delete" &&
                    `Delete ${count} ${count === 1 ? "user" : "users"} permanently? This cannot be undone; suspending keeps their history.`}
                </p>
                {action === "addToGroup" && (
                  <NodePicker kind="group" legend="User group" value={groupId} onChange={setGroupId} />
                )}
                {action === "delete" && (
                  <div>
                    <label htmlFor="bulk-delete-confirm" className={labelClass}>
                      Type <span className="font-mono">{deletePhrase}</span> to confirm
                    </label>
                    <input
                      id="bulk-delete-confirm"
                      value={typed}
                      onChange={(e) => setTyped(e.target.value)}
                      autoComplete="off"
                      className={inputClass}
                    />
                  </div>
                )}
                <div className="flex gap-2">
                  <button
                    type="button"
                    className={action === "delete" ? dangerButtonClass : primaryButtonClass}
                    disabled={
                      (action === "addToGroup" && !groupId) ||
                      (action === "delete" && typed.trim().toLowerCase() !== deletePhrase)
                    }
                    onClick={() => void run(action)}
                  >
                    {action === "addToGroup" ? "Add" : verb[action].button} {count} {count === 1 ? "user" : "users"}
                  </button>
                  <button type="button" className={buttonClass} onClick={() => setAction(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            </ModalDialog>
          )}

          {progress && (
            <div className="mt-3">
              <label htmlFor="bulk-progress" className="text-sm text-slate-700">
                Working… {progress.done} of {progress.total}
              </label>
              <progress
                id="bulk-progress"
                className="mt-1 block h-2 w-full"
                max={progress.total}
                value={progress.done}
              />
            </div>
          )}
          {error && (
            <p role="alert" className="mt-3 text-sm text-red-800">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
