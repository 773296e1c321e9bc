"use client";

import { LocalTime } from "@/app/_components/local-time";
import { DataTable, selectableRows, selectionColumn } from "@/app/_components/data-table";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { createColumnHelper, useTable, type RowSelectionState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { MenuButton } from "@/app/_components/menu-button";
import { useTRPC } from "@/app/_trpc/client";
import type { RegistrationRequestStatus } from "@/server/db/schema";
import type { RequestRow } from "@/server/registration/review-requests";
import { DecisionPanel, type Decision } from "./decision-panel";
import { BulkOperationList, useStartedHere } from "@/app/_components/bulk-operations";
import type { BulkOperationKind } from "@/server/db/schema/bulk";

const decisionKinds: BulkOperationKind[] = ["accept_registrations", "reject_registrations"];

const numberFormat = new Intl.NumberFormat("en-GB");
const tabs: { status: RegistrationRequestStatus; label: string }[] = [
  { status: "pending", label: "Pending" },
  { status: "accepted", label: "Accepted" },
  { status: "rejected", label: "Rejected" },
];
const emptyText: Record<RegistrationRequestStatus, string> = {
  pending: "No requests are waiting. New ones appear here when someone asks for access from the sign-in page.",
  accepted: "No requests have been accepted yet.",
  rejected: "No requests have been rejected.",
};

const personName = (r: Pick<RequestRow, "firstName" | "lastName">) => `${r.firstName} ${r.lastName}`;

function Facility({ row }: { row: RequestRow }) {
  return (
    <>
      {row.facility ? (
        <p>
          <span className="font-medium">{row.facility.path.at(-1)}</span>
          {row.facility.path.length > 1 && (
            <span className="block text-xs text-slate-600">{row.facility.path.slice(0, -1).join(" › ")}</span>
          )}
        </p>
      ) : (
        <p>
          <span className="font-medium">{row.facilityName}</span>
          {row.country && <span className="text-slate-600">, {row.country}</span>}
          <span className="block text-xs text-slate-600">Typed in; not matched to a customer</span>
        </p>
      )}
      {row.status === "pending" && row.reviewReason && (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">{row.reviewReason}</p>
      )}
    </>
  );
}

const features = selectableRows;
const column = createColumnHelper<typeof features, RequestRow>();
const selectColumn = selectionColumn<RequestRow>("requests", personName);
const sharedColumns = [
  column.display({
    id: "person",
    header: "Name",
    meta: { className: "min-w-44" },
    cell: ({ row: { original: r } }) => (
      <>
        <p className="font-medium">{personName(r)}</p>
        <p className="text-slate-600 [overflow-wrap:anywhere]">{r.email}</p>
        {(r.position || r.phone) && (
          <p className="text-xs text-slate-500">{[r.position, r.phone].filter(Boolean).join(" · ")}</p>
        )}
      </>
    ),
  }),
  column.display({ id: "facility", header: "Facility", cell: ({ row }) => <Facility row={row.original} /> }),
  column.display({
    id: "requested",
    header: "Requested",
    cell: ({ row }) => <LocalTime value={row.original.createdAt} />,
    meta: { className: "hidden whitespace-nowrap text-slate-600 md:table-cell" },
  }),
];
const messageColumn = column.display({
  id: "message",
  header: "Message",
  cell: ({ row }) =>
    row.original.message ? (
      <p className="line-clamp-3 max-w-xs text-slate-700" title={row.original.message}>
        {row.original.message}
      </p>
    ) : (
      <span className="text-slate-400">None</span>
    ),
  meta: { className: "hidden lg:table-cell" },
});
const decidedColumn = column.display({
  id: "decided",
  header: "Decided",
  cell: ({ row: { original: r } }) => (
    <>
      <p>{r.decidedAutomatically ? "Automatically (open facility)" : (r.decidedByName ?? "A former administrator")}</p>
      {r.decidedAt && (
        <p className="text-xs whitespace-nowrap text-slate-600">
          <LocalTime value={r.decidedAt} />
        </p>
      )}
      {r.status === "accepted" && r.userId && (
        <Link href={`/dashboard/users/${r.userId}`} className="text-xs font-medium text-brand-800 hover:underline">
          User page
        </Link>
      )}
    </>
  ),
});
const reasonColumn = column.display({
  id: "reason",
  header: "Reason given",
  cell: ({ row }) => row.original.rejectionReason ?? <span className="text-slate-400">None</span>,
  meta: { className: "hidden text-slate-700 md:table-cell" },
});
const columnsFor: Record<RegistrationRequestStatus, ReturnType<typeof column.columns>> = {
  pending: column.columns([selectColumn, ...sharedColumns, messageColumn]),
  accepted: column.columns([...sharedColumns, decidedColumn]),
  rejected: column.columns([...sharedColumns, decidedColumn, reasonColumn]),
};

/** The review table: tabs per status, selection (this page or every pending request), the decision menu. */
export function RegistrationRequests() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RegistrationRequestStatus>("pending");
  const [page, setPage] = useState(0);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // "Select all N pending requests": the ids from the server, beyond this page.
  const [allPending, setAllPending] = useState<string[] | null>(null);
  // The decision being made, on the requests selected when it was opened.
  const [decision, setDecision] = useState<{ kind: Decision; requestIds: string[] } | null>(null);
  const [startedHere, addStarted] = useStartedHere();
  const counts = useQuery(trpc.registration.counts.queryOptions());
  const query = useQuery(trpc.registration.list.queryOptions({ status, page }, { placeholderData: keepPreviousData }));
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const columns = columnsFor[status];
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
  });
  const selectAll = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.registration.pendingIds.queryOptions(undefined, { staleTime: 0 })),
    onSuccess: setAllPending,
  });
  const selectedIds = allPending ?? Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const total = query.data?.total ?? 0;
  const pages = Math.ceil(total / 100);

  const clearSelection = () => {
    setRowSelection({});
    setAllPending(null);
  };
  const showTab = (next: RegistrationRequestStatus) => {
    setStatus(next);
    setPage(0);
    clearSelection();
    setDecision(null);
  };

  return (
    <section className="mt-6" aria-busy={query.isFetching}>
      <div role="tablist" aria-label="Requests by status" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <button
            key={tab.status}
            type="button"
            role="tab"
            id={`tab-${tab.status}`}
            aria-selected={status === tab.status}
            aria-controls="requests-panel"
            onClick={() => showTab(tab.status)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${status === tab.status ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
            {counts.data && (
              <span className="ml-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {numberFormat.format(counts.data[tab.status])}
              </span>
            )}
          </button>
        ))}
      </div>

      <div id="requests-panel" role="tabpanel" aria-labelledby={`tab-${status}`}>
        {status === "pending" && (
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <MenuButton
              label="Actions for the selected requests"
              disabled={selectedIds.length === 0}
              items={[
                {
                  label: "Accept registration requests",
                  onSelect: () => setDecision({ kind: "accept", requestIds: selectedIds }),
                },
                { label: "Reject", onSelect: () => setDecision({ kind: "reject", requestIds: selectedIds }) },
              ]}
            />
            <p className="text-sm text-slate-700">
              {selectedIds.length === 0
                ? "Select requests, then open the menu to accept or reject them."
                : `${numberFormat.format(selectedIds.length)} selected`}
            </p>
            {selectedIds.length > 0 && (
              <button type="button" className="text-sm font-medium text-brand-800 underline" onClick={clearSelection}>
                Clear selection
              </button>
            )}
          </div>
        )}
        {status === "pending" && table.getIsAllPageRowsSelected() && total > rows.length && !allPending && (
          <p className="mt-2 text-sm text-slate-700">
            All {rows.length} requests on this page are selected.{" "}
            <button
              type="button"
              className="font-medium text-brand-800 underline"
              disabled={selectAll.isPending}
              onClick={() => selectAll.mutate()}
            >
              {selectAll.isPending ? "Selecting…" : `Select all ${numberFormat.format(total)} pending requests`}
            </button>
          </p>
        )}
        {selectAll.error && <p className="mt-2 text-sm text-red-800">{selectAll.error.message}</p>}

        {decision && (
          <DecisionPanel
            key={decision.kind}
            decision={decision.kind}
            requestIds={decision.requestIds}
            rows={rows}
            onClose={() => setDecision(null)}
            onStarted={(operationId) => {
              addStarted(operationId);
              clearSelection();
              setDecision(null);
              void queryClient.invalidateQueries({ queryKey: trpc.bulk.pathKey() });
            }}
          />
        )}
        <div className="mt-3">
          <BulkOperationList
            kinds={decisionKinds}
            startedHere={startedHere}
            onFinished={() => {
              void queryClient.invalidateQueries({ queryKey: trpc.registration.pathKey() });
              void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
            }}
          />
        </div>

        {query.isError && (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            The requests could not be loaded. Check your connection and reload the page.
          </p>
        )}
        <DataTable
          className="mt-3"
          table={table}
          loading={query.isPending}
          loadingRows={3}
          rowTestId="request-row"
          label="Registration requests"
          highlighted={(row) => row.getIsSelected() || allPending !== null}
          empty={query.data && rows.length === 0 ? emptyText[status] : null}
        />
        {pages > 1 && (
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            <button
              type="button"
              disabled={page === 0 || query.isFetching}
              onClick={() => setPage((p) => p - 1)}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-40"
            >
              Previous
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button
              type="button"
              disabled={page + 1 >= pages || query.isFetching}
              onClick={() => setPage((p) => p + 1)}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-40"
            >
              Next
            </button>
          </nav>
        )}
      </div>
    </section>
  );
}
