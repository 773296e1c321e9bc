"use client";

import { LocalTime } from "@/app/_components/local-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { buttonClass, ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";
import { ScrollRegion } from "@/app/_components/scroll-region";

const kindLabel = { first: "Invitation", resend: "Re-sent", scheduled: "Reminder (scheduled)" } as const;

function outcome(row: { emailStatus: string | null; delivery: string | null; lastError: string | null }): {
  text: string;
  className: string;
} {
  if (row.delivery === "bounced") return { text: "Bounced", className: "bg-red-100 text-red-800" };
  if (row.delivery === "complained") return { text: "Marked as spam", className: "bg-red-100 text-red-800" };
  if (row.delivery === "delivered") return { text: "Delivered", className: "bg-green-100 text-green-800" };
  if (row.emailStatus === "sent") return { text: "Accepted by the provider", className: "bg-blue-100 text-blue-800" };
  if (row.emailStatus === "captured")
    return { text: "Kept in the dev mailbox", className: "bg-slate-200 text-slate-800" };
  if (row.emailStatus === "failed")
    return { text: `Retrying: ${row.lastError ?? "the provider refused"}`, className: "bg-amber-100 text-amber-900" };
  return { text: "Waiting to be sent", className: "bg-slate-100 text-slate-700" };
}

/** Invitations: send or re-send, the link that works now (to copy), and each email's fate. */
export function InvitationPanel({
  userId,
  status,
  suspended,
}: {
  userId: string;
  status: "not_invited" | "invited" | "active";
  suspended: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(
    trpc.users.invitation.queryOptions(
      { userId },
      {
        refetchInterval: (q) =>
          q.state.data?.history.some((h) => h.emailStatus === "queued" || h.emailStatus === "sending") ? 1500 : false,
      },
    ),
  );
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
    }),
  );
  const [copied, setCopied] = useState(false);
  const data = overview.data;
  // When the newest email leaves the queue, the user's status may have changed: reload the page's user.
  const newest = data?.history[0]?.emailStatus ?? null;
  useEffect(() => {
    if (newest === "sent" || newest === "captured")
      void queryClient.invalidateQueries({ queryKey: trpc.users.byId.queryKey({ userId }) });
  }, [newest, queryClient, trpc, userId]);
  if (status === "active") return null;

  return (
    <Section
      title="Invitation"
      actions={
        !suspended && (
          <button
            type="button"
            className={primaryButtonClass}
            disabled={invite.isPending}
            onClick={() => invite.mutate({ userId })}
          >
            {invite.isPending ? "Sending…" : data?.history.length ? "Re-send invitation" : "Send invitation"}
          </button>
        )
      }
    >
      <ErrorNotice error={invite.error ?? overview.error} />
      {suspended && <p className="text-sm text-slate-700">Suspended users are not invited. Reactivate them first.</p>}
      {data?.currentLink ? (
        <div className="mt-2">
          <label htmlFor="invitation-link" className="block text-sm font-medium text-slate-800">
            Registration link (works once, until <LocalTime value={data.linkExpiresAt} empty="it expires" />)
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="invitation-link"
              readOnly
              value={data.currentLink}
              className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
              onFocus={(e) => e.target.select()}
            />
            <button
              type="button"
              className={buttonClass}
              onClick={() => {
                void navigator.clipboard.writeText(data.currentLink!).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                });
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-1 text-xs text-slate-600">
            Give it only to this person: it lets whoever holds it set the password. Re-sending makes it stop working.
          </p>
        </div>
      ) : (
        data && (
          <p className="text-sm text-slate-700">
            {data.history.length
              ? "No link works now: it was used or has expired. Re-send the invitation for a new one."
              : "Not invited yet."}
          </p>
        )
      )}
      {data && data.history.length > 0 && (
        <ScrollRegion label="Invitation history" className="mt-4">
          <table className="min-w-full text-sm" aria-label="Invitation history">
            <thead className="text-left text-xs font-semibold text-slate-600 uppercase">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Sent
                </th>
                <th scope="col" className="py-1 pr-3">
                  By
                </th>
                <th scope="col" className="py-1">
                  Outcome
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.history.map((row) => {
                const o = outcome(row);
                return (
                  <tr key={row.id} data-testid="invitation-row">
                    <td className="py-1.5 pr-3 whitespace-nowrap">
                      <LocalTime value={row.sentAt} /> <span className="text-slate-500">· {kindLabel[row.kind]}</span>
                    </td>
                    <td className="py-1.5 pr-3">{row.sentByName ?? "Schedule"}</td>
                    <td className="py-1.5">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${o.className}`}>{o.text}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Section>
  );
}
