"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, selectableRows } from "@/app/_components/data-table";
import { LocalTime } from "@/app/_components/local-time";
import type { RouterOutputs } from "@/app/_trpc/client";

/** Where a person stands on one required course, as the API gives it. */
export type TrainingRequirement = RouterOutputs["portal"]["trainingRecord"]["requirements"][number];
import { toCsv } from "@/server/export/csv";

const label =
  "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

/** Where someone stands on a required course, as a coloured label (red overdue, amber to retrain). */
export function RequirementLabel({ requirement }: { requirement: TrainingRequirement }) {
  if (requirement.state === "current")
    return (
      <span className={`${label} bg-green-100 text-green-800 ring-green-600/30`}>
        Trained on version {requirement.trainedVersion}
      </span>
    );
  return (
    <span className="inline-flex flex-wrap gap-1">
      {requirement.state === "older_version" ? (
        <span className={`${label} bg-amber-100 text-amber-900 ring-amber-600/30`}>
          Retrain: version {requirement.publishedVersion} replaces {requirement.trainedVersion}
        </span>
      ) : (
        <span className={`${label} bg-slate-100 text-slate-800 ring-slate-500/30`}>Not trained</span>
      )}
      {requirement.overdue && <span className={`${label} bg-red-100 text-red-800 ring-red-600/30`}>Overdue</span>}
    </span>
  );
}

/** Where someone stands on a course, how far along, and by when: three columns of a table. */
export function requirementColumns<Row extends TrainingRequirement>() {
  const column = createColumnHelper<typeof selectableRows, Row>();
  return [
    column.display({
      id: "standing",
      header: "Standing",
      cell: ({ row }) => <RequirementLabel requirement={row.original} />,
    }),
    column.display({
      id: "progress",
      header: "Progress",
      cell: ({ row: { original: r } }) => (r.state === "current" ? "—" : `${r.percent} %`),
      meta: { className: "text-right tabular-nums" },
    }),
    column.display({
      id: "due",
      header: "Due",
      cell: ({ row: { original: r } }) => (r.state === "current" ? "—" : <LocalTime value={r.dueAt} />),
      meta: { className: "whitespace-nowrap" },
    }),
  ];
}

/** A record as one CSV: each completion, then each course still to complete with its progress and due date. */
export function trainingRecordCsv(requirements: TrainingRequirement[], record: CompletionRow[]): string {
  return toCsv([
    ...record.map((r) => ({
      training: r.title,
      state: "completed",
      version: r.versionNumber,
      completed_at: new Date(r.completedAt).toISOString(),
      counts_as_training: r.counts ? "yes" : "no",
      progress_percent: 100,
      due: "",
    })),
    ...requirements
      .filter((r) => r.state !== "current")
      .map((r) => ({
        training: r.title,
        state: r.overdue ? "overdue" : r.state === "older_version" ? "to retrain" : "to complete",
        version: r.publishedVersion,
        completed_at: "",
        counts_as_training: "",
        progress_percent: r.percent,
        due: new Date(r.dueAt).toISOString().slice(0, 10),
      })),
  ]);
}

/**
 * A person's training: the courses required of them, where they stand and by when, and every
 * completion with its version, the evidence. Shown to the person in the portal (with certificates)
 * and to an admin on the person's page.
 */
type CompletionRow = RouterOutputs["portal"]["trainingRecord"]["record"][number];
const completion = createColumnHelper<typeof selectableRows, CompletionRow>();
const completionColumns = [
  completion.display({
    id: "training",
    header: "Training",
    cell: ({ row }) => row.original.title,
    meta: { className: "min-w-40 font-medium" },
  }),
  completion.display({
    id: "version",
    header: "Version",
    cell: ({ row: { original: r } }) => (
      <>
        {r.versionNumber}
        {r.currentVersion === r.versionNumber ? (
          <span className={`ml-2 ${label} bg-green-100 text-green-800 ring-green-600/30`}>Current</span>
        ) : (
          <span className={`ml-2 ${label} bg-amber-100 text-amber-900 ring-amber-600/30`}>
            {!r.currentVersion
              ? "No longer published"
              : r.counts
                ? `Older, still counts: now version ${r.currentVersion}`
                : `Older, no longer counts: now version ${r.currentVersion}`}
          </span>
        )}
      </>
    ),
  }),
  completion.display({
    id: "completed",
    header: "Completed",
    cell: ({ row }) => <LocalTime value={row.original.completedAt} />,
    meta: { className: "whitespace-nowrap" },
  }),
];
const certificateColumn = completion.display({
  id: "certificate",
  header: "Certificate",
  cell: ({ row: { original: r } }) => (
    <Link
      href={`/portal/training-record/${r.completionId}`}
      className="text-blue-700 underline underline-offset-2"
      aria-label={`Certificate: ${r.title}, version ${r.versionNumber}`}
    >
      View
    </Link>
  ),
  meta: { className: "print:hidden" },
});

/**
 * A person's training: the courses required of them, where they stand and by when, and every
 * completion with its version, the evidence. Shown to the person in the portal (with certificates)
 * and to an admin on the person's page.
 */
export function TrainingStanding({
  requirements,
  record,
  certificates,
  whose,
  headingLevel = 2,
}: {
  requirements: TrainingRequirement[];
  record: CompletionRow[];
  certificates: boolean;
  /** "you" in the portal, their first name on an admin's page. */
  whose: "your" | "their";
  /** 3 inside a section of its own. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const requirementTable = useTable({
    features: selectableRows,
    columns: whose === "your" ? ownRequirementColumns : theirRequirementColumns,
    data: requirements,
    getRowId: (r) => r.itemId,
  });
  const recordTable = useTable({
    features: selectableRows,
    columns: certificates ? [...completionColumns, certificateColumn] : completionColumns,
    data: record,
    getRowId: (r) => r.completionId,
  });
  return (
    <div className="space-y-6">
      <section>
        <Heading className="text-base font-semibold">Required training</Heading>
        {requirements.length === 0 ? (
          <EmptyTable>No course is required of {whose === "your" ? "you" : "them"} at the moment.</EmptyTable>
        ) : (
          <DataTable
            className="mt-2"
            table={requirementTable}
            loading={false}
            loadingRows={0}
            rowTestId="requirement-row"
            label="Required training"
            empty={null}
          />
        )}
      </section>
      <section>
        <Heading className="text-base font-semibold">Completed</Heading>
        {record.length === 0 ? (
          <EmptyTable>Nothing completed yet. A course counts once every page has been seen.</EmptyTable>
        ) : (
          <DataTable
            className="mt-2"
            table={recordTable}
            loading={false}
            loadingRows={0}
            rowTestId="training-row"
            label="Completed training"
            empty={null}
          />
        )}
      </section>
    </div>
  );
}

/** In place of a table with no rows: a sentence the width of the page, not of the table's columns. */
function EmptyTable({ children }: { children: ReactNode }) {
  return (
    <p className="mt-2 rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-sm text-slate-600">
      {children}
    </p>
  );
}

const requirement = createColumnHelper<typeof selectableRows, TrainingRequirement>();
/** The course column: a link to it for the person themselves, its title for an admin. */
const courseColumn = (linked: boolean) =>
  requirement.display({
    id: "course",
    header: "Course",
    cell: ({ row: { original: r } }) => (linked ? <Link href={`/portal/items/${r.itemId}`}>{r.title}</Link> : r.title),
    meta: { className: "min-w-40 font-medium" },
  });
const ownRequirementColumns = [courseColumn(true), ...requirementColumns<TrainingRequirement>()];
const theirRequirementColumns = [courseColumn(false), ...requirementColumns<TrainingRequirement>()];
