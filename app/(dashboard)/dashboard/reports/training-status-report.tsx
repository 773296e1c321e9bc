"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { buttonClass, inputClass, labelClass } from "@/app/_components/controls";
import { saveFile } from "@/app/_components/save-file";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { requirementColumns } from "@/app/_components/training-standing";
import { DataTable, selectableRows } from "@/app/_components/data-table";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import { toCsv } from "@/server/export/csv";

const numberFormat = new Intl.NumberFormat("en-GB");

type StatusReport = RouterOutputs["reports"]["trainingStatus"];
type TrainingCounts = StatusReport["counts"];
type StatusRow = StatusReport["rows"][number];
const person = createColumnHelper<typeof selectableRows, StatusRow>();
const peopleColumns = [
  person.display({
    id: "person",
    header: "Person",
    cell: ({ row: { original: r } }) => (
      <>
        <a href={`/dashboard/users/${r.userId}`} className="font-medium text-blue-800 underline underline-offset-2">
          {r.name}
        </a>
        <span className="block text-xs text-slate-600">{r.groups.join(", ")}</span>
      </>
    ),
  }),
  person.display({ id: "course", header: "Course", cell: ({ row }) => row.original.title }),
  ...requirementColumns<StatusRow>(),
];

const figures: { key: keyof TrainingCounts; label: string; className: string }[] = [
  { key: "current", label: "Trained on the current version", className: "border-green-200 bg-green-50 text-green-900" },
  { key: "olderVersion", label: "On an older version", className: "border-amber-200 bg-amber-50 text-amber-900" },
  { key: "notTrained", label: "Not trained", className: "border-slate-200 bg-white text-slate-900" },
  { key: "overdue", label: "Overdue", className: "border-red-200 bg-red-50 text-red-900" },
];

function downloadCsv(rows: StatusRow[]) {
  const csv = toCsv(
    rows.map((r) => ({
      person: r.name,
      email: r.email,
      groups: r.groups.join("; "),
      course: r.title,
      current_version: r.publishedVersion,
      counts_from_version: r.countsFromVersion,
      standing:
        r.state === "current"
          ? "trained on the current version"
          : r.state === "older_version"
            ? "on an older version"
            : "not trained",
      trained_version: r.trainedVersion ?? "",
      completed_at: r.completedAt ? new Date(r.completedAt).toISOString() : "",
      progress_percent: r.percent,
      due: new Date(r.dueAt).toISOString().slice(0, 10),
      overdue: r.overdue ? "yes" : "no",
    })),
  );
  saveFile("training-status.csv", csv, "text/csv;charset=utf-8");
}

/** The nodes an admin may narrow the report to: their markets, customers and groups. */
function useReportNodes() {
  const trpc = useTRPC();
  const markets = useQuery(trpc.organisation.nodesInScope.queryOptions({ kind: "market", purpose: "members" }));
  const customers = useQuery(trpc.organisation.nodesInScope.queryOptions({ kind: "customer", purpose: "members" }));
  const groups = useQuery(trpc.organisation.nodesInScope.queryOptions({ kind: "group", purpose: "members" }));
  return [
    { label: "Markets", nodes: markets.data ?? [] },
    { label: "Customers", nodes: customers.data ?? [] },
    { label: "Groups", nodes: groups.data ?? [] },
  ];
}

/**
 * Per node, who is trained on the current version of each required course: the counts, per group,
 * and each person, overdue first.
 */
export function TrainingStatusReport() {
  const trpc = useTRPC();
  const courses = useQuery(trpc.reports.courses.queryOptions());
  const nodeGroups = useReportNodes();
  const [nodeId, setNodeId] = useState("");
  const [itemId, setItemId] = useState("");
  const report = useQuery(
    trpc.reports.trainingStatus.queryOptions({
      ...(nodeId ? { nodeId } : {}),
      ...(itemId ? { itemId } : {}),
    }),
  );
  const rows = useMemo(() => report.data?.rows ?? [], [report.data]);
  const peopleTable = useTable({
    features: selectableRows,
    columns: peopleColumns,
    data: rows,
    getRowId: (r) => `${r.userId}-${r.itemId}`,
  });
  return (
    <section aria-labelledby="training-status-title" className="mt-10 space-y-5">
      <div>
        <h2 id="training-status-title" className="text-xl font-semibold">
          Trained on the current version
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Everyone who has a course must complete a version of it that still counts, within its training period. Overdue
          people come first.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56">
          <label htmlFor="status-where" className={labelClass}>
            Where in your organisation
          </label>
          <select id="status-where" value={nodeId} onChange={(e) => setNodeId(e.target.value)} className={inputClass}>
            <option value="">All your groups</option>
            {nodeGroups
              .filter((g) => g.nodes.length > 0)
              .map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.nodes.map((node) => (
                    <option key={node.id} value={node.id}>
                      {node.name}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        </div>
        <div className="min-w-56">
          <label htmlFor="status-course" className={labelClass}>
            Which course
          </label>
          <select id="status-course" value={itemId} onChange={(e) => setItemId(e.target.value)} className={inputClass}>
            <option value="">Every course</option>
            {(courses.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className={buttonClass}
          disabled={!report.data || report.data.rows.length === 0}
          onClick={() => report.data && downloadCsv(report.data.rows)}
        >
          Export CSV
        </button>
      </div>
      {report.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Counting…
        </p>
      )}
      {report.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {report.error.message}
        </p>
      )}
      {report.data && (
        <div aria-busy={report.isFetching} className="space-y-5">
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {figures.map((f) => (
              <div key={f.key} className={`rounded-lg border px-4 py-3 ${f.className}`}>
                <dt className="text-sm">{f.label}</dt>
                <dd className="text-2xl font-semibold tabular-nums" data-testid={`training-count-${f.key}`}>
                  {numberFormat.format(report.data.counts[f.key])}
                </dd>
              </div>
            ))}
          </dl>
          {report.data.total === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
              Nobody here has a course to complete yet.
            </p>
          ) : (
            <>
              <ScrollRegion label="Per group" className="rounded-lg border border-slate-200 bg-white">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <caption className="px-4 pt-3 text-left font-semibold">Per group</caption>
                  <thead className="text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                    <tr>
                      <th scope="col" className="px-4 py-2">
                        Group
                      </th>
                      {figures.map((f) => (
                        <th key={f.key} scope="col" className="px-4 py-2 text-right">
                          {f.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {report.data.groups.map((g) => (
                      <tr key={g.name}>
                        <th scope="row" className="px-4 py-2 text-left font-medium">
                          {g.name}
                        </th>
                        {figures.map((f) => (
                          <td key={f.key} className="px-4 py-2 text-right tabular-nums">
                            {numberFormat.format(g[f.key])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <DataTable
                table={peopleTable}
                loading={false}
                loadingRows={0}
                rowTestId="training-status-row"
                label="People"
                caption={
                  <>
                    People, overdue first
                    {report.data.total > report.data.rows.length &&
                      ` (the ${numberFormat.format(report.data.rows.length)} most urgent of ${numberFormat.format(report.data.total)})`}
                  </>
                }
                empty={null}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
