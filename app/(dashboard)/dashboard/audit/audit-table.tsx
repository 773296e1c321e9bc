"use client";

import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { useInfiniteQuery } from "@tanstack/react-query";
import { DataTable, selectableRows } from "@/app/_components/data-table";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import { auditPage } from "./audit-page";

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

type AuditEntry = RouterOutputs["audit"]["list"]["items"][number];
const column = createColumnHelper<typeof selectableRows, AuditEntry>();
const columns = [
  column.display({
    id: "when",
    header: "When",
    cell: ({ row }) => <LocalTime value={row.original.at} precision="second" />,
    meta: { className: "whitespace-nowrap text-slate-700" },
  }),
  column.display({ id: "who", header: "Who", cell: ({ row }) => row.original.actorLabel }),
  column.display({
    id: "what",
    header: "What",
    cell: ({ row: { original: entry } }) => (
      <>
        <span className="font-medium">{actionLabel[entry.action] ?? entry.action}</span>
        {entry.targetLabel && <span className="block text-slate-600">{entry.targetLabel}</span>}
      </>
    ),
  }),
  column.display({
    id: "changes",
    header: "Changes",
    cell: ({ row: { original: entry } }) =>
      entry.changes.length === 0
        ? "—"
        : entry.changes.map((change) => (
            <p key={change.field}>
              {change.field}: {show(change.from)} → {show(change.to)}
            </p>
          )),
    meta: { className: "hidden text-slate-700 md:table-cell" },
  }),
  column.display({
    id: "from",
    header: "From",
    cell: ({ row }) => row.original.ip ?? "—",
    meta: { className: "hidden text-slate-600 lg:table-cell" },
  }),
];

export function AuditTable() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditPage.input, auditPage.options));
  const entries = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const table = useTable({ features: selectableRows, columns, data: entries, getRowId: (entry) => String(entry.id) });

  return (
    <section className="mt-6" aria-busy={query.isFetching}>
      {query.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The audit log could not be loaded. Reload the page to try again.
        </p>
      )}
      <DataTable
        table={table}
        loading={query.isPending}
        loadingRows={3}
        rowTestId="audit-row"
        label="Audit log entries"
        empty={
          query.data && entries.length === 0 ? "Nothing has been changed in your part of the organisation yet." : null
        }
      />
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
