"use client";

import { useQuery } from "@tanstack/react-query";
import { buttonClass, Section } from "@/app/_components/controls";
import { fileNamePart, saveFile } from "@/app/_components/save-file";
import { TrainingStanding, trainingRecordCsv } from "@/app/_components/training-standing";
import { useTRPC } from "@/app/_trpc/client";

/** A person's training record, as they see it in the portal: for an admin whose scope covers them. */
export function TrainingPanel({ userId, name }: { userId: string; name: string }) {
  const trpc = useTRPC();
  const training = useQuery(trpc.users.trainingRecord.queryOptions({ userId }));
  return (
    <Section title="Training">
      {training.isError ? (
        <p role="alert" className="text-sm text-red-800">
          Their training record could not be loaded. Reload the page to try again.
        </p>
      ) : !training.data ? (
        <p role="status" className="text-sm text-slate-600">
          Loading their training record…
        </p>
      ) : (
        <>
          <TrainingStanding
            requirements={training.data.requirements}
            record={training.data.record}
            certificates={false}
            whose="their"
            headingLevel={3}
          />
          <button
            type="button"
            className={`${buttonClass} mt-3`}
            disabled={training.data.record.length === 0 && training.data.requirements.length === 0}
            onClick={() =>
              saveFile(
                `training-record-${fileNamePart(name)}.csv`,
                trainingRecordCsv(training.data.requirements, training.data.record),
                "text/csv;charset=utf-8",
              )
            }
          >
            Download their training record (CSV)
          </button>
        </>
      )}
    </Section>
  );
}
