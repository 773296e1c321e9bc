"use client";

import { useQuery } from "@tanstack/react-query";
import { buttonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { saveFile } from "@/app/_components/save-file";
import { useTRPC } from "@/app/_trpc/client";
import { toCsv } from "@/server/export/csv";

/** The person's completions, with a CSV download and the browser's print (or Save as PDF). */
export function TrainingRecord() {
  const trpc = useTRPC();
  const record = useQuery(trpc.portal.trainingRecord.queryOptions());
  const rows = record.data ?? [];

  function downloadCsv() {
    const csv = toCsv(
      rows.map((r) => ({
        training: r.title,
        version_completed: r.versionNumber,
        completed_at: new Date(r.completedAt).toISOString(),
        current_version: r.currentVersion,
        on_current_version: r.currentVersion === r.versionNumber ? "yes" : "no",
      })),
    );
    saveFile("training-record.csv", csv, "text/csv;charset=utf-8");
  }

  if (record.isError)
    return (
      <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        Your training record could not be loaded. Reload the page to try again.
      </p>
    );
  return (
    <section className="mt-6" aria-busy={record.isFetching}>
      <div className="mb-3 flex flex-wrap gap-2 print:hidden">
        <button type="button" className={buttonClass} disabled={rows.length === 0} onClick={downloadCsv}>
          Download CSV
        </button>
        <button type="button" className={buttonClass} disabled={rows.length === 0} onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      {record.data && rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-600">
          Nothing completed yet. A course counts once you have seen every page.
        </p>
      ) : (
        <ScrollRegion label="Completed training" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Training
                </th>
                <th scope="col" className="px-4 py-3">
                  Version
                </th>
                <th scope="col" className="px-4 py-3">
                  Completed
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={`${r.itemId}-${r.versionNumber}`} data-testid="training-row">
                  <td className="px-4 py-3 font-medium">{r.title}</td>
                  <td className="px-4 py-3">
                    {r.versionNumber}
                    {r.currentVersion === r.versionNumber ? (
                      <span className="ml-2 inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-600/30 ring-inset">
                        Current
                      </span>
                    ) : (
                      <span className="ml-2 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-600/30 ring-inset">
                        {r.currentVersion ? `Older: now version ${r.currentVersion}` : "No longer published"}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <LocalTime value={r.completedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
