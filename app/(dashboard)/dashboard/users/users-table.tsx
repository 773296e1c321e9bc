"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { StatusLabel } from "@/app/_components/status-label";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabel } from "@/server/scope/roles";

const pageSize = 25;
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function UsersTable() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const query = useQuery({
    ...trpc.users.list.queryOptions({ page, pageSize, search: deferredSearch || undefined }),
    placeholderData: keepPreviousData,
  });
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <section className="mt-6" aria-busy={query.isFetching}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-full sm:w-80">
          <label htmlFor="user-search" className="block text-sm font-medium text-slate-800">
            Search by name or email
          </label>
          <input
            id="user-search"
            type="search"
            value={search}
            maxLength={200}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(1);
            }}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm"
          />
        </div>
        <p className="text-sm text-slate-600" aria-live="polite">
          {query.isPending ? "Loading users…" : `${total} ${total === 1 ? "user" : "users"}`}
        </p>
      </div>

      {query.isError && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The users could not be loaded. Check your connection and reload the page.
        </p>
      )}

      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="hidden px-4 py-3 sm:table-cell">Role</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="hidden px-4 py-3 lg:table-cell">Last login</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {query.isPending &&
              Array.from({ length: 5 }, (_, i) => (
                <tr key={i}>
                  <td colSpan={4} className="px-4 py-3">
                    <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))}
            {query.data?.items.map((user) => (
              <tr key={user.id} data-testid="user-row">
                <td className="px-4 py-3">
                  <p className="font-medium">{`${user.firstName} ${user.lastName}`.trim() || "—"}</p>
                  <p className="text-slate-600">{user.email}</p>
                  <p className="text-xs text-slate-500 sm:hidden">{roleLabel[user.primaryRole]}</p>
                </td>
                <td className="hidden px-4 py-3 sm:table-cell">{roleLabel[user.primaryRole]}</td>
                <td className="px-4 py-3">
                  <StatusLabel status={user.status} suspended={user.suspended} locked={user.locked} />
                </td>
                <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 lg:table-cell">
                  {user.lastLoginAt ? dateFormat.format(user.lastLoginAt) : "Never"}
                </td>
              </tr>
            ))}
            {query.data && query.data.items.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-10 text-center text-slate-600">
                  {deferredSearch ? `No one matches “${deferredSearch}”.` : "There are no users in your part of the organisation yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
          <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)} className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-40">
            Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)} className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-40">
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
