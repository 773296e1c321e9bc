"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, inputClass, labelClass } from "@/app/_components/controls";
import { fileNamePart, saveFile } from "@/app/_components/save-file";
import { useTRPC } from "@/app/_trpc/client";
import type { ProgressRow } from "@/server/content/progress-report";
import { toCsv } from "@/server/export/csv";
import { ScrollRegion } from "@/app/_components/scroll-region";

type Kind = "course" | "session";
/** The columns' words: a course is started and completed; a session is attended. */
const columnsOf = {
  course: ["Enrolled", "Started", "Completed", "Average progress", "Average rating"],
  session: ["Have it", "Invited", "Attended", "Share attended", "Average rating"],
} as const;

function download(name: string, kind: Kind, rows: { level: string; row: ProgressRow }[]) {
  const [enrolled, started, completed, average] = columnsOf[kind];
  const csv = toCsv(
    rows.map(({ level, row }) => ({
      Level: level,
      Name: row.name,
      Within: row.within ?? "",
      [enrolled]: row.enrolled,
      [started]: row.started,
      [completed]: row.completed,
      [`${average} (%)`]: row.averagePercent,
      "Average rating (1-5)": row.averageRating ?? "",
      Ratings: row.ratings,
    })),
  );
  saveFile(`${fileNamePart(name)}-progress.csv`, csv, "text/csv;charset=utf-8");
}

function Table({ caption, rows, kind }: { caption: string; rows: ProgressRow[]; kind: Kind }) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-4 pt-3 text-left font-semibold">{caption}</caption>
        <thead className="text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            {columnsOf[kind].map((c) => (
              <th key={c} scope="col" className="px-4 py-2 text-right">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {row.name}
                {row.within && <span className="block text-xs font-normal text-slate-600">{row.within}</span>}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{row.enrolled}</td>
              <td className="px-4 py-2 text-right tabular-nums">{row.started}</td>
              <td className="px-4 py-2 text-right tabular-nums">{row.completed}</td>
              <td className="px-4 py-2 text-right tabular-nums">{row.averagePercent} %</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {row.averageRating === null ? (
                  <span className="text-slate-500">Not rated</span>
                ) : (
                  <>
                    {row.averageRating.toFixed(1)} of 5
                    <span className="block text-xs text-slate-600">
                      {row.ratings} {row.ratings === 1 ? "rating" : "ratings"}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Completed and average progress per group, as bars; the table below carries the same numbers. */
function Chart({ rows, kind }: { rows: ProgressRow[]; kind: Kind }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="text-sm font-semibold">
        {kind === "session"
          ? "Per group: the share who attended"
          : "Per group: average progress, and the share who completed"}
      </figcaption>
      <ul className="mt-3 space-y-3" aria-hidden>
        {rows.map((row) => {
          const completedShare = row.enrolled ? Math.round((100 * row.completed) / row.enrolled) : 0;
          return (
            <li key={row.id} className="grid grid-cols-[minmax(6rem,12rem)_1fr] items-center gap-3 text-sm">
              <span className="truncate">{row.name}</span>
              <span className="space-y-1">
                {kind === "course" && (
                  <span className="block h-3 rounded bg-slate-100">
                    <span className="block h-3 rounded bg-brand-700" style={{ width: `${row.averagePercent}%` }} />
                  </span>
                )}
                <span className="block h-3 rounded bg-slate-100">
                  <span className="block h-3 rounded bg-green-600" style={{ width: `${completedShare}%` }} />
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="mt-3 flex flex-wrap gap-4 text-xs text-slate-700">
        {kind === "course" && (
          <span>
            <span className="mr-1 inline-block size-3 rounded bg-brand-700 align-middle" /> average progress
          </span>
        )}
        <span>
          <span className="mr-1 inline-block size-3 rounded bg-green-600 align-middle" />{" "}
          {kind === "session" ? "attended" : "completed"}
        </span>
      </p>
    </figure>
  );
}

export function ProgressReport() {
  const trpc = useTRPC();
  const courses = useQuery(trpc.reports.progressItems.queryOptions());
  const [itemId, setItemId] = useState("");
  const chosen = itemId || courses.data?.[0]?.id || "";
  const report = useQuery(trpc.reports.courseProgress.queryOptions({ itemId: chosen }, { enabled: chosen !== "" }));
  const title = courses.data?.find((c) => c.id === chosen)?.title ?? "course";
  const kind: Kind = report.data?.kind ?? "course";

  if (courses.isPending) return <p className="mt-6 text-sm text-slate-600">Loading courses…</p>;
  if (courses.isError) {
    return (
      <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        The courses could not be loaded. Reload the page to try again.
      </p>
    );
  }
  if (courses.data.length === 0) {
    return (
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
        No course or session has been given to your groups yet.
      </p>
    );
  }
  return (
    <div className="mt-6 space-y-5">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <label htmlFor="report-course" className={labelClass}>
            Course or session
          </label>
          <select id="report-course" value={chosen} onChange={(e) => setItemId(e.target.value)} className={inputClass}>
            {courses.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.kind === "session" ? `${c.title} (session)` : c.title}
              </option>
            ))}
          </select>
        </div>
        {report.data && (
          <button
            type="button"
            className={buttonClass}
            onClick={() =>
              download(title, kind, [
                ...report.data.customers.map((row) => ({ level: "Customer", row })),
                ...report.data.groups.map((row) => ({ level: "Group", row })),
              ])
            }
          >
            Export CSV
          </button>
        )}
      </div>
      {report.isPending && (
        <p className="text-sm text-slate-600" aria-busy="true">
          Counting…
        </p>
      )}
      {report.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {report.error.message}
        </p>
      )}
      {report.data && report.data.groups.length === 0 && (
        <p className="text-sm text-slate-600">None of your groups has this {kind} yet.</p>
      )}
      {report.data && report.data.groups.length > 0 && (
        <>
          <Chart rows={report.data.groups} kind={kind} />
          {report.data.customers.length > 0 && (
            <Table caption="Per customer" rows={report.data.customers} kind={kind} />
          )}
          <Table caption="Per group" rows={report.data.groups} kind={kind} />
        </>
      )}
    </div>
  );
}
