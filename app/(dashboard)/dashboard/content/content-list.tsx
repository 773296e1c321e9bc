"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";
import { kindLabel } from "./kind-label";

/** The owner's editors see every item with its versions; other admins what reached them. */
export function ContentList({ mayEdit }: { mayEdit: boolean }) {
  const trpc = useTRPC();
  const editable = useQuery(trpc.content.list.queryOptions({}, { enabled: mayEdit }));
  const reachable = useQuery(trpc.content.reachable.queryOptions(undefined, { enabled: !mayEdit }));
  const [kind, setKind] = useState<keyof typeof kindLabel>("course");
  const query = mayEdit ? editable : reachable;
  const rows = mayEdit
    ? (editable.data ?? []).map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        state: stateOf(r.publishedVersion, r.openVersion, r.openStatus),
      }))
    : (reachable.data ?? []).map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        state: r.published ? "Published" : "Not published yet",
      }));

  return (
    <div className="mt-6 space-y-4">
      {mayEdit && (
        <form className="flex flex-wrap items-end gap-2" action={`/dashboard/content/new`}>
          <div>
            <label htmlFor="new-kind" className={labelClass}>
              New
            </label>
            <select
              id="new-kind"
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as keyof typeof kindLabel)}
              className={inputClass}
            >
              {Object.entries(kindLabel).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={primaryButtonClass}>
            Write it
          </button>
        </form>
      )}
      {query.isPending && <p className="text-sm text-slate-600">Loading content…</p>}
      {query.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          The content could not be loaded. Reload the page to try again.
        </p>
      )}
      {query.isSuccess && rows.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          {mayEdit
            ? "No content yet. Choose a kind above and write the first one."
            : "Nothing has been given to your part of the organisation yet."}
        </p>
      )}
      {rows.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <li
              key={row.id}
              className="flex flex-wrap items-center justify-between gap-2 px-4 py-3"
              data-testid="content-row"
            >
              <div className="min-w-0">
                <Link href={`/dashboard/content/${row.id}`} className="font-medium text-brand-800 hover:underline">
                  {row.title}
                </Link>
                <p className="text-xs text-slate-600">{kindLabel[row.kind]}</p>
              </div>
              <span className="text-sm text-slate-700">{row.state}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function stateOf(published: number | null, open: number | null, openStatus: "draft" | "approved" | null): string {
  const parts = [published ? `Published v${published}` : "Not published"];
  if (open) parts.push(`${openStatus === "approved" ? "approved" : "draft"} v${open} waiting`);
  return parts.join(" · ");
}
