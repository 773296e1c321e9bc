"use client";

import { LocalTime } from "@/app/_components/local-time";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { createColumnHelper, useTable, type RowSelectionState } from "@tanstack/react-table";
import { useDeferredValue, useMemo, useState } from "react";
import { DataTable, selectableRows, selectionColumn } from "@/app/_components/data-table";
import { StatusLabel } from "@/app/_components/status-label";
import { FilterSelect } from "@/app/_components/controls";
import { BulkActions } from "./bulk-actions";
import { useTRPC } from "@/app/_trpc/client";
import type { RoleName } from "@/server/db/schema";
import { roleLabel } from "@/server/scope/roles";
import type { StatusFilter, UserPage, UserSort } from "@/server/users/list-users";

const pageSize = 25;
const numberFormat = new Intl.NumberFormat("en-GB");

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: "not_invited", label: "Not invited" },
  { value: "invited", label: "Invited" },
  { value: "active", label: "Active" },
  { value: "suspended", label: "Suspended" },
  { value: "locked", label: "Locked" },
];
const sortOptions: { value: `${UserSort}:${"asc" | "desc"}`; label: string }[] = [
  { value: "name:asc", label: "Name (A–Z)" },
  { value: "name:desc", label: "Name (Z–A)" },
  { value: "email:asc", label: "Email (A–Z)" },
  { value: "created:desc", label: "Newest first" },
  { value: "created:asc", label: "Oldest first" },
  { value: "lastLogin:desc", label: "Last login (recent first)" },
  { value: "lastLogin:asc", label: "Last login (never first)" },
];

interface Position {
  cursor?: string[];
  direction: "next" | "prev";
}

type UserRow = UserPage["items"][number];

const displayName = (user: { firstName: string; lastName: string; email: string }) =>
  `${user.firstName} ${user.lastName}`.trim() || user.email;

// Row selection is the one table feature used: sorting and paging happen on the server.
const features = selectableRows;
const column = createColumnHelper<typeof features, UserRow>();
// Columns hide on narrow screens through meta.className; the name cell repeats the role there.
const columns = column.columns([
  selectionColumn<UserRow>("users", displayName),
  column.display({
    id: "name",
    header: "Name",
    cell: ({ row: { original: user } }) => (
      <>
        <Link href={`/dashboard/users/${user.id}`} className="font-medium text-brand-800 hover:underline">
          {displayName(user)}
        </Link>
        {/* A long address breaks rather than pushing the status out of the row on a phone. */}
        <p className="break-all text-slate-600">{user.email}</p>
        <p className="text-xs text-slate-500 sm:hidden">{roleLabel[user.primaryRole]}</p>
      </>
    ),
  }),
  column.display({
    id: "organisation",
    header: "Organisation",
    cell: ({ row: { original: user } }) =>
      user.organisationPaths.length === 0 ? (
        <span className="text-slate-400">Owner</span>
      ) : (
        user.organisationPaths.map((path) => <p key={path.join("›")}>{path.join(" › ")}</p>)
      ),
    meta: { className: "hidden text-slate-700 md:table-cell" },
  }),
  column.display({
    id: "role",
    header: "Role",
    cell: ({ row }) => roleLabel[row.original.primaryRole],
    meta: { className: "hidden sm:table-cell" },
  }),
  column.display({
    id: "status",
    header: "Status",
    cell: ({ row: { original: user } }) => (
      <StatusLabel
        status={user.status}
        suspended={user.suspended}
        locked={user.locked}
        delivery={user.invitationDelivery}
      />
    ),
  }),
  column.display({
    id: "lastLogin",
    header: "Last login",
    cell: ({ row }) => <LocalTime value={row.original.lastLoginAt} empty="Never" />,
    meta: { className: "hidden whitespace-nowrap text-slate-600 xl:table-cell" },
  }),
]);

const roleOptions = (Object.keys(roleLabel) as RoleName[]).map((value) => ({ value, label: roleLabel[value] }));
const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm";

export function UsersTable({ nodeId }: { nodeId?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter | "">("");
  const [role, setRole] = useState<RoleName | "">("");
  const [sort, setSort] = useState<(typeof sortOptions)[number]["value"]>("name:asc");
  const [position, setPosition] = useState<Position>({ direction: "next" });
  const [pageNumber, setPageNumber] = useState(1);
  const deferredSearch = useDeferredValue(search);
  // Selected rows (TanStack Table's row selection, keyed by user id), kept across pages until the filters change.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // The name of every user shown so far, so a bulk action can report by name on every page.
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [sortKey, order] = sort.split(":") as [UserSort, "asc" | "desc"];

  const [watchUntil, setWatchUntil] = useState(0);
  const query = useQuery({
    ...trpc.users.list.queryOptions({
      pageSize,
      sort: sortKey,
      order,
      search: deferredSearch || undefined,
      status: status || undefined,
      role: role || undefined,
      nodeId,
      cursor: position.cursor,
      direction: position.direction,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: () => (Date.now() < watchUntil ? 2000 : false),
  });
  const reset = () => {
    setPosition({ direction: "next" });
    setPageNumber(1);
    setRowSelection({});
  };
  const data = query.data;
  const rows = useMemo(() => data?.items ?? [], [data]);
  const [namedRows, setNamedRows] = useState<typeof rows | null>(null);
  if (namedRows !== rows) {
    // Derived while rendering (React's pattern for state that follows props), not in an effect.
    setNamedRows(rows);
    setNames((current) => new Map([...current, ...rows.map((u) => [u.id, displayName(u)] as const)]));
  }
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
  });
  const selected = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const totalText = data
    ? `${numberFormat.format(data.total)}${data.totalIsCapped ? "+" : ""} ${data.total === 1 ? "user" : "users"}`
    : "";
  const filtered = Boolean(deferredSearch || status || role);

  return (
    <section className="mt-6" aria-busy={query.isFetching}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="user-search" className="block text-sm font-medium text-slate-800">
            Search name or email
          </label>
          <input
            id="user-search"
            type="search"
            value={search}
            maxLength={200}
            onChange={(event) => {
              setSearch(event.target.value);
              reset();
            }}
            className={selectClass}
          />
        </div>
        <FilterSelect
          id="user-status"
          label="Status"
          value={status}
          anyLabel="Any status"
          options={statusOptions}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
          className={selectClass}
        />
        <FilterSelect
          id="user-role"
          label="Role"
          value={role}
          anyLabel="Any role"
          options={roleOptions}
          onChange={(value) => {
            setRole(value);
            reset();
          }}
          className={selectClass}
        />
        <div>
          <label htmlFor="user-sort" className="block text-sm font-medium text-slate-800">
            Sort by
          </label>
          <select
            id="user-sort"
            value={sort}
            onChange={(event) => {
              setSort(event.target.value as (typeof sortOptions)[number]["value"]);
              reset();
            }}
            className={selectClass}
          >
            {sortOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {query.isPending ? "Loading users…" : totalText}
      </p>

      <BulkActions
        nodeId={nodeId}
        selected={selected.map((id) => ({ id, name: names.get(id) ?? id }))}
        onStarted={(action) => {
          setRowSelection({});
          // Invitations become Invited as the worker hands them to the provider: watch them change for a minute.
          if (action === "invite") setWatchUntil(Date.now() + 60_000);
        }}
        onFinished={() => {
          void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.organisation.pathKey() });
        }}
      />

      {query.isError && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The users could not be loaded. Check your connection and reload the page.
        </p>
      )}

      <DataTable
        className="mt-2"
        table={table}
        loading={query.isPending}
        loadingRows={5}
        rowTestId="user-row"
        label="Users"
        highlighted={(row) => row.getIsSelected()}
        empty={
          data && data.items.length === 0
            ? filtered
              ? "No one matches these filters. Try a shorter search or another status."
              : "There are no users in your part of the organisation yet."
            : null
        }
      />

      {data && (data.prevCursor || data.nextCursor) && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
          <button
            type="button"
            disabled={!data.prevCursor || query.isFetching}
            onClick={() => {
              setPosition({ cursor: data.prevCursor ?? undefined, direction: "prev" });
              setPageNumber((n) => Math.max(1, n - 1));
            }}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-40"
          >
            Previous
          </button>
          <span>Page {pageNumber}</span>
          <button
            type="button"
            disabled={!data.nextCursor || query.isFetching}
            onClick={() => {
              setPosition({ cursor: data.nextCursor ?? undefined, direction: "next" });
              setPageNumber((n) => n + 1);
            }}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-40"
          >
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
