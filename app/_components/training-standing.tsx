import Link from "next/link";
import { LocalTime } from "@/app/_components/local-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { TrainingRecordRow } from "@/server/content/training-record";
import type { TrainingRequirement } from "@/server/content/training-status";
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

/** Where someone stands on a course, how far along, and by when: three cells of a table row. */
export function RequirementCells({ requirement: r }: { requirement: TrainingRequirement }) {
  return (
    <>
      <td className="px-4 py-3">
        <RequirementLabel requirement={r} />
      </td>
      <td className="px-4 py-3 text-right tabular-nums">{r.state === "current" ? "—" : `${r.percent} %`}</td>
      <td className="px-4 py-3 whitespace-nowrap">{r.state === "current" ? "—" : <LocalTime value={r.dueAt} />}</td>
    </>
  );
}

/** A record as one CSV: each completion, then each course still to complete with its progress and due date. */
export function trainingRecordCsv(requirements: TrainingRequirement[], record: TrainingRecordRow[]): string {
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
export function TrainingStanding({
  requirements,
  record,
  certificates,
  whose,
  headingLevel = 2,
}: {
  requirements: TrainingRequirement[];
  record: TrainingRecordRow[];
  certificates: boolean;
  /** "you" in the portal, their first name on an admin's page. */
  whose: "your" | "their";
  /** 3 inside a section of its own. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <div className="space-y-6">
      <section>
        <Heading className="text-base font-semibold">Required training</Heading>
        {requirements.length === 0 ? (
          <p className="mt-2 rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-sm text-slate-600">
            No course is required of {whose === "your" ? "you" : "them"} at the moment.
          </p>
        ) : (
          <ScrollRegion label="Required training" className="mt-2 rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Course
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Standing
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    Progress
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Due
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {requirements.map((r) => (
                  <tr key={r.itemId} data-testid="requirement-row">
                    <td className="min-w-40 px-4 py-3 font-medium">
                      {whose === "your" ? <Link href={`/portal/items/${r.itemId}`}>{r.title}</Link> : r.title}
                    </td>
                    <RequirementCells requirement={r} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section>
        <Heading className="text-base font-semibold">Completed</Heading>
        {record.length === 0 ? (
          <p className="mt-2 rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-sm text-slate-600">
            Nothing completed yet. A course counts once every page has been seen.
          </p>
        ) : (
          <ScrollRegion label="Completed training" className="mt-2 rounded-lg border border-slate-200 bg-white">
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
                  {certificates && (
                    <th scope="col" className="px-4 py-3 print:hidden">
                      Certificate
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {record.map((r) => (
                  <tr key={r.completionId} data-testid="training-row">
                    <td className="min-w-40 px-4 py-3 font-medium">{r.title}</td>
                    <td className="px-4 py-3">
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
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <LocalTime value={r.completedAt} />
                    </td>
                    {certificates && (
                      <td className="px-4 py-3 print:hidden">
                        <Link
                          href={`/portal/training-record/${r.completionId}`}
                          className="text-blue-700 underline underline-offset-2"
                          aria-label={`Certificate: ${r.title}, version ${r.versionNumber}`}
                        >
                          View
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
