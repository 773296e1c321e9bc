"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { StatusLabel } from "@/app/_components/status-label";
import { BulkActions } from "./bulk-actions";
import { useTRPC } from "@/app/_trpc/client";
import type { RoleName } from "@/server/db/schema";
import { roleLabel } from "@/server/scope/roles";
import type { StatusFilter, UserSort } from "@/server/users/list-users";

const pageSize = 25;
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
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

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm";

export function UsersTable({ nodeId }: { nodeId?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter | "">("");
  const [role, setRole] = useState<RoleName | "">("");
  const [sort, setSort] = useState<(typeof sortOptions)[number]["value"]>("name:asc");
  const [position, setPosition] = useState<Position>({ direction: "next" });
  const [pageNumber, setPageNumber] = useState(1);
  const deferredSearch = useDeferredValue(search);
  // Selected rows, kept across pages until the filters change: id → name, for the bulk report.
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [sortKey, order] = sort.split(":") as [UserSort, "asc" | "desc"];

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
  });
  const reset = () => {
    setPosition({ direction: "next" });
    setPageNumber(1);
    setSelected(new Map());
  };
  const toggle = (rows: { id: string; name: string }[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (on) next.set(row.id, row.name);
        else next.delete(row.id);
      }
      return next;
    });
  const displayName = (user: { firstName: string; lastName: string; email: string }) => `${user.firstName} ${user.lastName}`.trim() || user.email;
  const data = query.data;
  const totalText = data ? `${numberFormat.format(data.total)}${data.totalIsCapped ? "+" : ""} ${data.total === 1 ? "user" : "users"}` : "";
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
        <div>
          <label htmlFor="user-status" className="block text-sm font-medium text-slate-800">
            Status
          </label>
          <select
            id="user-status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as StatusFilter | "");
              reset();
            }}
            className={selectClass}
          >
            <option value="">Any status</option>
            {statusOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="user-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select
            id="user-role"
            value={role}
            onChange={(event) => {
              setRole(event.target.value as RoleName | "");
              reset();
            }}
            className={selectClass}
          >
            <option value="">Any role</option>
            {(Object.keys(roleLabel) as RoleName[]).map((value) => (
              <option key={value} value={value}>
                {roleLabel[value]}
              </option>
            ))}
          </select>
        </div>
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

      <BulkActions selected={[...selected].map(([id, name]) => ({ id, name }))} onFinished={() => setSelected(new Map())} />

      {query.isError && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The users could not be loaded. Check your connection and reload the page.
        </p>
      )}

      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="w-10 px-3 py-3 sm:px-4">
                <input
                  type="checkbox"
                  aria-label="Select all users on this page"
                  checked={Boolean(data?.items.length) && data!.items.every((u) => selected.has(u.id))}
                  onChange={(e) => toggle(data?.items.map((u) => ({ id: u.id, name: displayName(u) })) ?? [], e.target.checked)}
                  className="size-4"
                />
              </th>
              <th scope="col" className="px-3 py-3 sm:px-4">Name</th>
              <th scope="col" className="hidden px-3 py-3 sm:px-4 md:table-cell">Organisation</th>
              <th scope="col" className="hidden px-3 py-3 sm:px-4 sm:table-cell">Role</th>
              <th scope="col" className="px-3 py-3 sm:px-4">Status</th>
              <th scope="col" className="hidden px-3 py-3 sm:px-4 xl:table-cell">Last login</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {query.isPending &&
              Array.from({ length: 5 }, (_, i) => (
                <tr key={i}>
                  <td colSpan={6} className="px-3 py-3 sm:px-4">
                    <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))}
            {data?.items.map((user) => (
              <tr key={user.id} data-testid="user-row" className={selected.has(user.id) ? "bg-brand-50" : "hover:bg-slate-50"}>
                <td className="px-3 py-3 sm:px-4 align-top">
                  <input type="checkbox" aria-label={`Select ${displayName(user)}`} checked={selected.has(user.id)} onChange={(e) => toggle([{ id: user.id, name: displayName(user) }], e.target.checked)} className="mt-1 size-4" />
                </td>
                <td className="px-3 py-3 sm:px-4">
                  <Link href={`/dashboard/users/${user.id}`} className="font-medium text-brand-800 hover:underline">
                    {displayName(user)}
                  </Link>
                  <p className="text-slate-600">{user.email}</p>
                  <p className="text-xs text-slate-500 sm:hidden">{roleLabel[user.primaryRole]}</p>
                </td>
                <td className="hidden px-3 py-3 sm:px-4 text-slate-700 md:table-cell">
                  {user.organisationPaths.length === 0 ? (
                    <span className="text-slate-400">Owner</span>
                  ) : (
                    user.organisationPaths.map((path) => <p key={path.join("›")}>{path.join(" › ")}</p>)
                  )}
                </td>
                <td className="hidden px-3 py-3 sm:px-4 sm:table-cell">{roleLabel[user.primaryRole]}</td>
                <td className="px-3 py-3 sm:px-4">
                  <StatusLabel status={user.status} suspended={user.suspended} locked={user.locked} />
                </td>
                <td className="hidden px-3 py-3 sm:px-4 whitespace-nowrap text-slate-600 xl:table-cell">
                  {user.lastLoginAt ? dateFormat.format(user.lastLoginAt) : "Never"}
                </td>
              </tr>
            ))}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-10 text-center text-slate-600">
                  {filtered ? "No one matches these filters. Try a shorter search or another status." : "There are no users in your part of the organisation yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

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
