"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

/** The login address, a pending change waiting for its confirmation link, and starting or withdrawing one. */
export function EmailChange({
  userId,
  email,
  pendingEmail,
  mayManage,
}: {
  userId: string;
  email: string;
  pendingEmail: string | null;
  mayManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const request = useMutation(
    trpc.users.requestEmailChange.mutationOptions({
      onSuccess: () => {
        void refresh();
        setEditing(false);
      },
    }),
  );
  const cancel = useMutation(trpc.users.cancelEmailChange.mutationOptions({ onSuccess: refresh }));
  const fieldError = request.error?.data?.zodIssues?.fieldErrors.newEmail?.[0];

  return (
    <div className="space-y-2">
      <p className="font-medium break-all">{email}</p>
      {pendingEmail && (
        <p className="text-sm text-slate-700" data-testid="pending-email">
          Changing to <strong className="break-all">{pendingEmail}</strong>: waiting for the link sent there to be
          followed.{" "}
          {mayManage && (
            <button
              type="button"
              className="font-medium text-brand-800 underline disabled:opacity-50"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ userId })}
            >
              Withdraw the change
            </button>
          )}
        </p>
      )}
      {mayManage &&
        (editing ? (
          <form
            className="space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              request.mutate({ userId, newEmail: String(new FormData(event.currentTarget).get("newEmail")) });
            }}
          >
            <ErrorNotice error={request.error && !fieldError ? request.error : null} />
            <div>
              <label htmlFor="new-email" className={labelClass}>
                New email address
              </label>
              <input
                id="new-email"
                name="newEmail"
                type="email"
                required
                maxLength={320}
                className={inputClass}
                aria-invalid={fieldError ? true : undefined}
              />
              {fieldError && <p className="mt-1 text-sm text-red-700">{fieldError}</p>}
              <p className="mt-1 text-xs text-slate-600">
                It becomes the login once the person follows the link we send to it. The current address is told.
              </p>
            </div>
            <div className="flex gap-2">
              <button type="submit" className={primaryButtonClass} disabled={request.isPending}>
                {request.isPending ? "Sending…" : "Send confirmation link"}
              </button>
              <button type="button" className={buttonClass} onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={buttonClass} onClick={() => setEditing(true)}>
            Change email
          </button>
        ))}
    </div>
  );
}
