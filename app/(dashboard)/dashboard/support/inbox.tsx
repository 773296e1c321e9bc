"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from "react";
import { createColumnHelper, useTable, type RowSelectionState } from "@tanstack/react-table";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { IssueStatusLabel, SeverityLabel } from "@/app/_components/issue-labels";
import { LocalTime } from "@/app/_components/local-time";
import { DataTable, selectableRows, selectionColumn } from "@/app/_components/data-table";
import { saveFile } from "@/app/_components/save-file";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import type { SupportIssueStatus } from "@/server/db/schema";
import { toCsv } from "@/server/export/csv";
import { firstInboxQuery } from "./inbox-query";

type Tab = "unassigned" | "mine" | "waiting" | "all" | "reassign";
const tabs: { id: Tab; label: string }[] = [
  { id: "all", label: "All in reach" },
  { id: "unassigned", label: "Unassigned" },
  { id: "mine", label: "Mine" },
  { id: "waiting", label: "Waiting for reporter" },
  { id: "reassign", label: "Needs reassignment" },
];
type Sort = "newest" | "oldest" | "updated" | "severity" | "deadline";
/** The server counts up to 10,000 and says when there are more. */
const countText = (n: number) => (n > 10_000 ? "10,000+" : n.toLocaleString("en-GB"));

type InboxIssue = RouterOutputs["support"]["inbox"]["items"][number];
const column = createColumnHelper<typeof selectableRows, InboxIssue>();
const columns = [
  column.display({
    id: "issue",
    header: "Issue",
    cell: ({ row: { original: issue } }) => (
      <>
        <Link href={`/dashboard/support/${issue.id}`} className="font-medium text-brand-800 hover:underline">
          {issue.title}
        </Link>
        <span className="block text-xs text-slate-600">
          {issue.number} · {issue.typeName}
          {issue.deadlineAt && (
            <>
              {" "}
              · report due <LocalTime value={issue.deadlineAt} />
            </>
          )}
        </span>
      </>
    ),
  }),
  column.display({
    id: "customer",
    header: "Customer",
    cell: ({ row: { original: issue } }) => (
      <>
        {issue.customerName ?? "—"}
        <span className="block text-xs text-slate-600">{issue.reporterName}</span>
      </>
    ),
    meta: { className: "hidden md:table-cell" },
  }),
  column.display({
    id: "status",
    header: "Status",
    cell: ({ row }) => <IssueStatusLabel value={row.original.status} />,
  }),
  column.display({
    id: "severity",
    header: "Severity",
    cell: ({ row }) => <SeverityLabel value={row.original.severity} />,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.display({
    id: "handler",
    header: "Handler",
    cell: ({ row: { original: issue } }) =>
      issue.handledByViewer ? (
        issue.assigneeName || "Unassigned"
      ) : (
        <span title="Who handles it is for its handling unit to see">
          —<span className="sr-only">Who handles it is for its handling unit to see</span>
        </span>
      ),
    meta: { className: "hidden lg:table-cell" },
  }),
  column.display({
    id: "reported",
    header: "Reported",
    cell: ({ row }) => <LocalTime value={row.original.createdAt} />,
    meta: { className: "hidden md:table-cell" },
  }),
];
/** While reassigning, each row can be chosen for the handler it goes to. */
const selectableColumns = [selectionColumn<InboxIssue>("issues", (issue) => `issue ${issue.number}`), ...columns];

/** A handler's inbox: tabs with counts, filters, search, sort and pages. */
export function Inbox() {
  const trpc = useTRPC();
  const [tab, setTab] = useState<Tab>(firstInboxQuery.tab);
  const [typeId, setTypeId] = useState("");
  const [status, setStatus] = useState<SupportIssueStatus | "">("");
  const [olderThanDays, setOlderThanDays] = useState("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<Sort>(firstInboxQuery.sort);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [reassigned, setReassigned] = useState<string | null>(null);
  const reassigning = tab === "reassign";
  const deferredSearch = useDeferredValue(search.trim());
  const counts = useQuery(trpc.support.inboxCounts.queryOptions());
  const types = useQuery(trpc.support.reportForm.queryOptions());
  const [customerId, setCustomerId] = useState("");
  const [marketId, setMarketId] = useState("");
  const [itemId, setItemId] = useState("");
  // Stable, so a filter tells of its choice only when the choice changes.
  const chooseReach = useCallback((kind: "customer" | "market" | "item", id: string) => {
    ({ customer: setCustomerId, market: setMarketId, item: setItemId })[kind](id);
    setPage(1);
  }, []);
  const filters = {
    tab,
    ...(typeId ? { typeId } : {}),
    ...(status ? { status } : {}),
    ...(customerId ? { customerId } : {}),
    ...(marketId ? { marketId } : {}),
    ...(itemId ? { itemId } : {}),
    ...(olderThanDays ? { olderThanDays: Number(olderThanDays) } : {}),
    ...(deferredSearch ? { search: deferredSearch } : {}),
  };
  const list = useQuery(
    trpc.support.inbox.queryOptions(
      { ...filters, sort, page, pageSize: firstInboxQuery.pageSize },
      { placeholderData: keepPreviousData },
    ),
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const rowSelection = useMemo<RowSelectionState>(
    () => Object.fromEntries(selected.map((id) => [id, true as const])),
    [selected],
  );
  const table = useTable({
    features: selectableRows,
    columns: reassigning ? selectableColumns : columns,
    data: items,
    getRowId: (issue) => issue.id,
    state: { rowSelection },
    onRowSelectionChange: (change) => {
      const next = typeof change === "function" ? change(rowSelection) : change;
      setSelected(Object.keys(next).filter((id) => next[id]));
    },
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / firstInboxQuery.pageSize)) : 1;
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState<"idle" | "working" | "failed">("idle");
  async function exportCsv() {
    setExporting("working");
    try {
      const rows = await queryClient.fetchQuery(trpc.support.export.queryOptions(filters));
      saveFile(`issues-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(rows), "text/csv;charset=utf-8");
      setExporting("idle");
    } catch {
      setExporting("failed");
    }
  }
  const filtered = Boolean(typeId || status || customerId || marketId || itemId || olderThanDays || deferredSearch);

  return (
    <div className="mt-4 space-y-4">
      <div role="tablist" aria-label="Inbox" className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => {
              setTab(t.id);
              setPage(1);
              setSelected([]);
            }}
            className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${tab === t.id ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
            {counts.data && <span className="ml-1 text-slate-500">({countText(counts.data[t.id])})</span>}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-6">
        <div className="col-span-2">
          <label htmlFor="inbox-search" className={labelClass}>
            Search
          </label>
          <input
            id="inbox-search"
            type="search"
            placeholder="Title or issue number"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="inbox-type" className={labelClass}>
            Type
          </label>
          <select
            id="inbox-type"
            value={typeId}
            onChange={(e) => {
              setTypeId(e.target.value);
              setPage(1);
            }}
            className={inputClass}
          >
            <option value="">Every type</option>
            {types.data?.types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inbox-status" className={labelClass}>
            Status
          </label>
          <select
            id="inbox-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as SupportIssueStatus | "");
              setPage(1);
            }}
            className={inputClass}
          >
            <option value="">Every status</option>
            <option value="new">New</option>
            <option value="in_progress">In progress</option>
            <option value="waiting">Waiting for reporter</option>
            <option value="resolved">Resolved</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        <div>
          <label htmlFor="inbox-age" className={labelClass}>
            Older than
          </label>
          <select
            id="inbox-age"
            value={olderThanDays}
            onChange={(e) => {
              setOlderThanDays(e.target.value);
              setPage(1);
            }}
            className={inputClass}
          >
            <option value="">Any age</option>
            <option value="2">2 days</option>
            <option value="7">A week</option>
            <option value="30">30 days</option>
          </select>
        </div>
        <div>
          <label htmlFor="inbox-sort" className={labelClass}>
            Sort
          </label>
          <select id="inbox-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)} className={inputClass}>
            <option value="newest">Newest</option>
            <option value="oldest">Oldest</option>
            <option value="updated">Recently changed</option>
            <option value="severity">Most serious</option>
            <option value="deadline">Reporting deadline</option>
          </select>
        </div>
        {(
          [
            ["customer", "Customer"],
            ["market", "Market"],
            ["item", "Product or training"],
          ] as const
        ).map(([kind, label]) => (
          <div key={kind} className="col-span-2">
            <ReachFilter kind={kind} label={label} onChoose={chooseReach} />
          </div>
        ))}
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass}
          disabled={exporting === "working"}
          onClick={() => void exportCsv()}
        >
          {exporting === "working" ? "Preparing the file…" : "Export these issues (CSV)"}
        </button>
        {exporting === "failed" && (
          <p role="alert" className="text-sm text-red-800">
            The export could not be prepared. Try again in a moment.
          </p>
        )}
      </div>
      <Trends filters={filters} />
      {list.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The issues could not be loaded. Check your connection and reload the page.
        </p>
      )}
      <DataTable
        table={table}
        loading={list.isPending}
        loadingRows={4}
        rowTestId="issue-row"
        label="Issues"
        highlighted={(row) => row.getIsSelected()}
        empty={
          list.data && list.data.items.length === 0
            ? filtered
              ? "No issue matches these filters."
              : "Nothing here. Well done."
            : null
        }
      />
      {reassigning && selected.length > 0 && (
        <ReassignBar
          issueIds={selected}
          onDone={(outcome) => {
            setSelected([]);
            setReassigned(outcome);
          }}
        />
      )}
      {reassigning && reassigned && (
        <p role="status" className="text-sm text-slate-700">
          {reassigned}
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {list.data && list.data.total > 10_000 ? "400+" : pages}
          </span>
          <button type="button" className={buttonClass} disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}

/**
 * Gives the selected issues to one handler: those whose reach covers the first selected issue are
 * offered; each issue is checked again on the server, which says which could not be given.
 */
function ReassignBar({ issueIds, onDone }: { issueIds: string[]; onDone: (outcome: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const handlers = useQuery(trpc.support.assignable.queryOptions({ issueId: issueIds[0]! }));
  const [assigneeId, setAssigneeId] = useState("");
  const reassign = useMutation(
    trpc.support.reassign.mutationOptions({
      onSuccess: ({ assigned, failed }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
        onDone(
          `${assigned} ${assigned === 1 ? "issue" : "issues"} reassigned.${failed.length ? ` ${failed.length} could not be: ${failed.map((f) => f.message).join(" ")}` : ""}`,
        );
      },
    }),
  );
  return (
    <div
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-brand-50 p-3 text-sm"
      data-testid="reassign-bar"
    >
      <p className="font-medium">{issueIds.length} selected</p>
      <div>
        <label htmlFor="reassign-to" className={labelClass}>
          Give them to
        </label>
        <select
          id="reassign-to"
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
          className={inputClass}
        >
          <option value="">Choose a handler…</option>
          {handlers.data?.map((handler) => (
            <option key={handler.id} value={handler.id}>
              {handler.name || handler.email}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={!assigneeId || reassign.isPending}
        onClick={() => reassign.mutate({ issueIds, assigneeId })}
      >
        {reassign.isPending
          ? "Reassigning…"
          : `Reassign ${issueIds.length} ${issueIds.length === 1 ? "issue" : "issues"}`}
      </button>
      <ErrorNotice error={reassign.error} />
    </div>
  );
}

type Filters = {
  tab: Tab;
  typeId?: string;
  status?: SupportIssueStatus;
  customerId?: string;
  marketId?: string;
  itemId?: string;
  olderThanDays?: number;
  search?: string;
};

/**
 * A filter by customer, market or product: type a few letters, choose among those with issues in
 * the handler's reach (the server's list, by name). Text that names none filters nothing, and says so.
 */
function ReachFilter({
  kind,
  label,
  onChoose,
}: {
  kind: "customer" | "market" | "item";
  label: string;
  onChoose: (kind: "customer" | "market" | "item", id: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const deferred = useDeferredValue(text.trim());
  const options = useQuery(
    trpc.support.filterOptions.queryOptions(
      { kind, ...(deferred ? { search: deferred } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  // Chosen: the text is one of the labels offered (typed in full, or picked from the list).
  const chosen = options.data?.find((option) => option.label === text.trim())?.id ?? "";
  useEffect(() => onChoose(kind, chosen), [kind, chosen, onChoose]);
  const unmatched = text.trim() !== "" && !chosen;
  return (
    <>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        list={`${id}-options`}
        placeholder="Any: type to choose"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={unmatched ? `${id}-hint` : undefined}
        className={inputClass}
      />
      <datalist id={`${id}-options`}>
        {options.data?.map((option) => (
          <option key={option.id} value={option.label} />
        ))}
      </datalist>
      {unmatched && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {options.data?.length === 0 ? "None with issues you reach matches this." : "Choose one from the list."}
        </p>
      )}
    </>
  );
}

/** Issues per month and per product for the tab and filters shown: loaded when opened. */
function Trends({ filters }: { filters: Filters }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const trend = useQuery(trpc.support.trend.queryOptions(filters, { enabled: open }));
  return (
    <details
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer font-medium">Trends: issues per month and per product</summary>
      {trend.isPending && open && <p className="mt-2 text-slate-600">Counting the issues…</p>}
      {trend.isError && (
        <p role="alert" className="mt-2 text-red-800">
          The trends could not be counted. Try again in a moment.
        </p>
      )}
      {trend.data && (
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <Bars
            title="Per month (the last 12)"
            rows={trend.data.months.map((m) => ({ label: m.month, value: m.issues }))}
          />
          <Bars
            title="Per product (the 10 with most)"
            rows={trend.data.products.map((p) => ({ label: p.product, value: p.issues }))}
          />
        </div>
      )}
    </details>
  );
}

function Bars({ title, rows }: { title: string; rows: { label: string; value: number }[] }) {
  const most = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="mt-1 text-slate-600">No issues here.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-label={title}>
          {rows.map((row) => (
            <li key={row.label} className="grid grid-cols-[minmax(0,8rem)_1fr_auto] items-center gap-2">
              <span className="truncate" title={row.label}>
                {row.label}
              </span>
              <span
                aria-hidden
                className="h-3 rounded bg-brand-600"
                style={{ width: `${(row.value / most) * 100}%` }}
              />
              <span className="tabular-nums">{row.value.toLocaleString("en-GB")}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
