"use client";

import { LocalTime } from "@/app/_components/local-time";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { auditPage } from "./audit-page";
import { ScrollRegion } from "@/app/_components/scroll-region";

const actionLabel: Record<string, string> = {
  "user.created": "Created user",
  "user.updated": "Edited personal data",
  "user.suspended": "Suspended",
  "user.reactivated": "Reactivated",
  "user.unlocked": "Unlocked",
  "user.locked": "Locked after failed sign-ins",
  "login.succeeded": "Signed in",
  "login.failed": "Failed sign-in",
  "user.password_set": "Set a password",
  "user.password_changed": "Changed password",
  "user.password_reset_requested": "Asked for a password reset",
  "user.password_reset": "Reset password",
  "user.two_factor_enabled": "Turned on two-step verification",
  "user.two_factor_disabled": "Turned off two-step verification",
  "user.deleted": "Deleted user",
  "email.test_sent": "Sent a test email",
  "audit.verified": "Verified the audit trail",
  "bulk.started": "Started a bulk action",
  "bulk.cancelled": "Stopped a bulk action",
};
const show = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

export function AuditTable() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditPage.input, auditPage.options));
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="mt-6" aria-busy={query.isFetching}>
      {query.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The audit log could not be loaded. Reload the page to try again.
        </p>
      )}
      <ScrollRegion label="Audit log entries" className="rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">
                When
              </th>
              <th scope="col" className="px-4 py-3">
                Who
              </th>
              <th scope="col" className="px-4 py-3">
                What
              </th>
              <th scope="col" className="hidden px-4 py-3 md:table-cell">
                Changes
              </th>
              <th scope="col" className="hidden px-4 py-3 lg:table-cell">
                From
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {query.isPending && (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-slate-600">
                  Loading the audit log…
                </td>
              </tr>
            )}
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <LocalTime value={entry.at} precision="second" />
                </td>
                <td className="px-4 py-3">{entry.actorLabel}</td>
                <td className="px-4 py-3">
                  <span className="font-medium">{actionLabel[entry.action] ?? entry.action}</span>
                  {entry.targetLabel && <span className="block text-slate-600">{entry.targetLabel}</span>}
                </td>
                <td className="hidden px-4 py-3 text-slate-700 md:table-cell">
                  {entry.changes.length === 0
                    ? "—"
                    : entry.changes.map((change) => (
                        <p key={change.field}>
                          {change.field}: {show(change.from)} → {show(change.to)}
                        </p>
                      ))}
                </td>
                <td className="hidden px-4 py-3 text-slate-600 lg:table-cell">{entry.ip ?? "—"}</td>
              </tr>
            ))}
            {query.data && entries.length === 0 && (
              <tr>
                <td colSpan={5} className="px-4 py-10 text-center text-slate-600">
                  Nothing has been changed in your part of the organisation yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
      {query.hasNextPage && (
        <button
          type="button"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm disabled:opacity-50"
        >
          {query.isFetchingNextPage ? "Loading…" : "Show older entries"}
        </button>
      )}
    </section>
  );
}
