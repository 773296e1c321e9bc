"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { BulkOperationList, newRequestKey, useStartedHere } from "@/app/_components/bulk-operations";
import { buttonClass, ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { CsvFileInput, ImportProblems, useCsvFile } from "@/app/_components/csv-file";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";

const maxBytes = 3_500_000;
const template = [
  "kind,name,external_id,parent_external_id,parent_path,description",
  "market,Nordics,M-NORD,,,Distributor for Norway and Sweden",
  "customer,St Olav University Hospital,C-1001,M-NORD,,Trondheim",
  "group,Cardiology nurses,,C-1001,,",
  "customer,Royal Devon Clinic,C-1002,,,Managed directly",
  "internal,Clinical Education,I-EDU,,,",
  "group,Clinical trainers,,I-EDU,,",
].join("\r\n");
const numberFormat = new Intl.NumberFormat("en-GB");
const actionText = { create: "new", update: "changed", unchanged: "unchanged" } as const;

/** Choose a file, check it (dry run), then import it: a worker applies it parents first, with progress below. */
export function ImportOrganisation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [check, setCheck] = useState<RouterOutputs["organisation"]["importCheck"] | null>(null);
  const [requestKey, setRequestKey] = useState("");
  const [startedHere, addStarted] = useStartedHere();
  const file = useCsvFile({
    maxBytes,
    tooLarge: "The file is larger than 3.5 MB: split it into files of at most 100,000 lines.",
    onChange: () => setCheck(null),
  });
  const { csv, fileName } = file;
  const dryRun = useMutation(
    trpc.organisation.importCheck.mutationOptions({
      onSuccess: (checked) => {
        setCheck(checked);
        setRequestKey(newRequestKey());
      },
    }),
  );
  const startImport = useMutation(
    trpc.organisation.import.mutationOptions({
      onSuccess: ({ operationId }) => {
        addStarted(operationId);
        setCheck(null);
        void queryClient.invalidateQueries({ queryKey: trpc.bulk.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.organisation.pathKey() });
      },
    }),
  );

  const ready = check !== null && check.problemCount === 0 && check.create + check.update > 0;
  return (
    <div className="mt-6 space-y-5">
      <Section title="1. Choose the file">
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            The first row names the columns: <span className="font-mono">kind</span> (market, customer, internal or
            group) and <span className="font-mono">name</span> are required;{" "}
            <span className="font-mono">external_id</span> is your own id for the line (an account number), which a
            later import and the user import find it by; <span className="font-mono">description</span> is optional.
          </p>
          <p>
            Place each line under its parent with <span className="font-mono">parent_external_id</span> (a line of the
            file or a node already there), or with <span className="font-mono">parent_path</span>, the names from the
            top separated by <span className="font-mono">/</span> (
            <span className="font-mono">Nordics / St Olav University Hospital</span>). Neither: directly under your
            organisation. A customer&apos;s fields (Settings) each take a column named by the field&apos;s key.
          </p>
        </div>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download="organisation-template.csv"
          className="mt-2 inline-block text-sm font-medium text-brand-800 hover:underline"
        >
          Download a template
        </a>
        <CsvFileInput id="organisation-file" limits="at most 100,000 lines, 3.5 MB" file={file} />
        <button
          type="button"
          className={`${primaryButtonClass} mt-4`}
          disabled={!csv || dryRun.isPending}
          onClick={() => dryRun.mutate({ csv: csv! })}
        >
          {dryRun.isPending ? "Checking…" : "Check the file"}
        </button>
        {!csv && !file.fileError && <p className="mt-1 text-xs text-slate-600">Choose a file to check it.</p>}
        <div className="mt-3">
          <ErrorNotice error={dryRun.error} />
        </div>
      </Section>

      {check && (
        <Section title="2. What will happen">
          <p className="text-sm" role="status">
            <span className="font-mono">{fileName}</span>: {numberFormat.format(check.total)} lines,{" "}
            <strong>{numberFormat.format(check.create)} new</strong>, {numberFormat.format(check.update)} changed,{" "}
            {numberFormat.format(check.unchanged)} unchanged.
            {check.problemCount > 0 &&
              ` ${numberFormat.format(check.problemCount)} ${check.problemCount === 1 ? "line has a problem" : "lines have problems"}: fix ${check.problemCount === 1 ? "it" : "them"} in the file and check it again. Nothing is imported until every line is sound.`}
            {check.problemCount === 0 && check.create + check.update === 0 && " There is nothing to change."}
          </p>
          {check.problems.length > 0 && (
            <ImportProblems
              label="Lines with problems"
              nameColumn="Name"
              testId="organisation-import-problem"
              rows={check.problems}
            />
          )}
          {check.problemCount === 0 && check.preview.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-700">The first lines, parents first</h3>
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {check.preview.map((row) => (
                  <li key={row.line} className="py-1 break-words">
                    Line {row.line}: {row.kind} <strong>{row.name}</strong>{" "}
                    <span className="text-slate-600">({actionText[row.action]})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="mt-4 flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={!ready || startImport.isPending}
              onClick={() => startImport.mutate({ csv: csv!, requestKey })}
            >
              {startImport.isPending
                ? "Starting…"
                : `Import ${numberFormat.format(check.create + check.update)} ${check.create + check.update === 1 ? "line" : "lines"}`}
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => setCheck(null)}
              disabled={startImport.isPending}
            >
              Cancel
            </button>
          </div>
          {!ready && (
            <p className="mt-1 text-xs text-slate-600">
              {check.problemCount > 0 ? "Fix the lines with problems first." : "The file changes nothing."}
            </p>
          )}
          <ErrorNotice error={startImport.error} />
        </Section>
      )}
      <BulkOperationList kinds={["import_organisation"]} startedHere={startedHere} />
      <p className="text-sm">
        <Link href="/dashboard/organisation" className="font-medium text-brand-800 hover:underline">
          See the organisation
        </Link>
      </p>
    </div>
  );
}
