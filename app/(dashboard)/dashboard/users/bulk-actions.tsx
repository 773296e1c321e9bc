"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { BulkOperationList, newRequestKey, useStartedHere } from "@/app/_components/bulk-operations";
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
import { ModalDialog } from "@/app/_components/modal-dialog";
import type { BulkOperationKind } from "@/server/db/schema/bulk";

const userKinds: BulkOperationKind[] = ["invite", "suspend", "reactivate", "add_to_group", "delete"];

type BulkAction = "invite" | "suspend" | "reactivate" | "addToGroup" | "delete";
const buttonText: Record<BulkAction, string> = {
  invite: "Invite",
  suspend: "Suspend",
  reactivate: "Reactivate",
  addToGroup: "Add to group",
  delete: "Delete",
};

interface Selected {
  id: string;
  name: string;
}

/**
 * The bar above the users table when rows are selected: pick an action and confirm it. The server
 * records it as one bulk operation that the workers do; its progress (and any other admin's
 * operation here) shows above the table, with the users it could not reach and the reason.
 */
export function BulkActions({
  selected,
  onStarted,
  onFinished,
  nodeId,
}: {
  selected: Selected[];
  onStarted: (action: BulkAction) => void;
  onFinished: () => void;
  nodeId?: string | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [requestKey, setRequestKey] = useState("");
  const [groupId, setGroupId] = useState("");
  const [typed, setTyped] = useState("");
  const count = selected.length;
  const deletePhrase = `delete ${count}`;
  const started = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.bulk.pathKey() });
  };
  const [startedHere, addStarted] = useStartedHere();
  const bulk = useMutation(
    trpc.users.bulk.mutationOptions({
      onSuccess: ({ operationId }, input) => {
        addStarted(operationId);
        started();
        setAction(null);
        setInviteAll(null);
        setTyped("");
        onStarted(input.action);
      },
    }),
  );

  const [inviteAll, setInviteAll] = useState<{ count: number; more: boolean } | null>(null);
  const findNotInvited = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.users.notInvited.queryOptions({ nodeId }, { staleTime: 0 })),
    onSuccess: (found) => {
      setAction(null);
      setRequestKey(newRequestKey());
      setInviteAll(found);
    },
  });

  function choose(chosen: BulkAction) {
    bulk.reset();
    setAction(chosen);
    setTyped("");
    // A new key per dialog: pressing its button twice (or a retried request) starts one operation.
    setRequestKey(newRequestKey());
  }

  function start(chosen: BulkAction) {
    bulk.mutate({
      requestKey,
      action: chosen,
      userIds: selected.map((s) => s.id),
      ...(nodeId ? { nodeId } : {}),
      ...(chosen === "addToGroup" ? { groupId } : {}),
      ...(chosen === "delete" ? { confirmDeletion: true as const } : {}),
    });
  }

  return (
    <div className="mt-4 space-y-3">
      <BulkOperationList kinds={userKinds} startedHere={startedHere} onFinished={onFinished} />
      {count === 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={buttonClass}
            disabled={findNotInvited.isPending}
            onClick={() => findNotInvited.mutate()}
          >
            {findNotInvited.isPending ? "Finding who is not invited…" : "Invite everyone not yet invited"}
          </button>
          {findNotInvited.error && <span className="text-sm text-red-800">{findNotInvited.error.message}</span>}
        </div>
      )}
      {inviteAll && (
        <ModalDialog labelledBy="invite-all-title" onClose={() => setInviteAll(null)}>
          {inviteAll.count === 0 ? (
            <p id="invite-all-title" className="text-sm">
              Everyone here has been invited already (suspended users are left out).
            </p>
          ) : (
            <p id="invite-all-title" className="text-sm font-medium">
              Send an invitation to the {inviteAll.count.toLocaleString("en-GB")} users here who were never invited?
              {inviteAll.more && " (The first 10,000; run it again for the rest.)"} It carries on if you close the page.
            </p>
          )}
          <div className="mt-2 flex gap-2">
            {inviteAll.count > 0 && (
              <button
                type="button"
                className={primaryButtonClass}
                disabled={bulk.isPending}
                onClick={() =>
                  bulk.mutate({ requestKey, action: "invite", everyoneNotInvited: true, ...(nodeId ? { nodeId } : {}) })
                }
              >
                {bulk.isPending ? "Starting…" : `Invite ${inviteAll.count.toLocaleString("en-GB")} users`}
              </button>
            )}
            <button type="button" className={buttonClass} onClick={() => setInviteAll(null)}>
              {inviteAll.count ? "Cancel" : "Close"}
            </button>
          </div>
          <ErrorNotice error={bulk.error} />
        </ModalDialog>
      )}
      {count > 0 && (
        <div className="rounded-lg border border-slate-300 bg-brand-50 p-3" data-testid="bulk-bar">
          <div className="flex flex-wrap items-center gap-2">
            <p className="mr-2 text-sm font-medium">{count} selected</p>
            {(Object.keys(buttonText) as BulkAction[]).map((a) => (
              <button
                key={a}
                type="button"
                className={buttonClass}
                onClick={() => choose(a)}
                aria-pressed={action === a}
              >
                {buttonText[a]}
              </button>
            ))}
          </div>

          {action && (
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
                    `Delete ${count} ${count === 1 ? "user" : "users"} permanently and erase their personal data? This cannot be undone; suspending keeps their history.`}
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
                <ErrorNotice error={bulk.error} />
                <div className="flex gap-2">
                  <button
                    type="button"
                    className={action === "delete" ? dangerButtonClass : primaryButtonClass}
                    disabled={
                      bulk.isPending ||
                      (action === "addToGroup" && !groupId) ||
                      (action === "delete" && typed.trim().toLowerCase() !== deletePhrase)
                    }
                    onClick={() => start(action)}
                  >
                    {bulk.isPending
                      ? "Starting…"
                      : `${action === "addToGroup" ? "Add" : buttonText[action]} ${count} ${count === 1 ? "user" : "users"}`}
                  </button>
                  <button type="button" className={buttonClass} onClick={() => setAction(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            </ModalDialog>
          )}
        </div>
      )}
    </div>
  );
}
