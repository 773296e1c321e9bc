"use client";

import { useQuery } from "@tanstack/react-query";
import { buttonClass } from "@/app/_components/controls";
import { saveFile } from "@/app/_components/save-file";
import { TrainingStanding, trainingRecordCsv } from "@/app/_components/training-standing";
import { useTRPC } from "@/app/_trpc/client";

/** The person's training, with a CSV download and the browser's print (or Save as PDF). */
export function TrainingRecord() {
  const trpc = useTRPC();
  const training = useQuery(trpc.portal.trainingRecord.queryOptions());

  if (training.isError)
    return (
      <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        Your training record could not be loaded. Reload the page to try again.
      </p>
    );
  if (!training.data)
    return (
      <p className="mt-6 text-sm text-slate-600" role="status">
        Loading your training record…
      </p>
    );
  const { requirements, record } = training.data;
  const empty = requirements.length === 0 && record.length === 0;
  return (
    <section className="mt-6" aria-busy={training.isFetching}>
      <div className="mb-4 flex flex-wrap gap-2 print:hidden">
        <button
          type="button"
          className={buttonClass}
          disabled={empty}
          onClick={() =>
            saveFile("training-record.csv", trainingRecordCsv(requirements, record), "text/csv;charset=utf-8")
          }
        >
          Download CSV
        </button>
        <button type="button" className={buttonClass} disabled={empty} onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      <TrainingStanding requirements={requirements} record={record} certificates whose="your" />
    </section>
  );
}
