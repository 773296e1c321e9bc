"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { buttonClass, ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { CsvFileInput, ImportProblems, useCsvFile } from "@/app/_components/csv-file";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import { BulkOperationList, newRequestKey, useStartedHere } from "@/app/_components/bulk-operations";

const maxBytes = 3_000_000;
const template =
  "email,first_name,last_name,phone,position,group\r\nanna.berg@hospital.example,Anna,Berg,+47 900 00 001,Nurse,Cardiology nurses\r\n";
const numberFormat = new Intl.NumberFormat("en-GB");

type Check = {
  total: number;
  firstLine: number;
  lastLine: number;
  validCount: number;
  invalid: { line: number; email: string; errors: string[] }[];
  preview: { line: number; email: string; firstName: string; lastName: string; groupPath: string[] }[];
};

/**
 * Choose a file and a default group, check it (dry run), then import it: the workers create the
 * users in chunks, and the progress with each skipped line shows below, even after a reload.
 */
export function ImportUsers() {
  const trpc = useTRPC();
  const [defaultGroupId, setDefaultGroupId] = useState("");
  const [check, setCheck] = useState<Check | null>(null);
  const [requestKey, setRequestKey] = useState("");
  const [startedHere, addStarted] = useStartedHere();
  const file = useCsvFile({
    maxBytes,
    tooLarge: "The file is larger than 3 MB: split it into files of at most 10,000 users.",
    onChange: () => setCheck(null),
  });
  const { csv, fileName } = file;
  const queryClient = useQueryClient();
  const dryRun = useMutation(
    trpc.users.importCheck.mutationOptions({
      onSuccess: (checked) => {
        setCheck(checked);
        // A new key per checked file: pressing Import twice starts one import.
        setRequestKey(newRequestKey());
      },
    }),
  );
  const startImport = useMutation(
    trpc.users.import.mutationOptions({
      onSuccess: ({ operationId }) => {
        addStarted(operationId);
        setCheck(null);
        void queryClient.invalidateQueries({ queryKey: trpc.bulk.pathKey() });
      },
    }),
  );

  return (
    <div className="mt-6 space-y-5">
      <Section title="1. Choose the file">
        <p className="text-sm text-slate-700">
          The first row names the columns: <span className="font-mono">email, first_name, last_name</span> (required)
          and <span className="font-mono">phone, position, group</span> (optional). The group column takes a
          group&apos;s name, or its path when two groups share a name (
          <span className="font-mono">St Olav University Hospital › Cardiology nurses</span>).
        </p>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download="users-template.csv"
          className="mt-2 inline-block text-sm font-medium text-brand-800 hover:underline"
        >
          Download a template
        </a>
        <CsvFileInput id="import-file" limits="at most 10,000 users, 3 MB" file={file} />
        <div className="mt-4">
          <NodePicker
            kind="group"
            legend="Default group, for rows without one (optional)"
            value={defaultGroupId}
            onChange={(id) => {
              setDefaultGroupId(id);
              setCheck(null);
            }}
          />
        </div>
        <button
          type="button"
          className={`${primaryButtonClass} mt-4`}
          disabled={!csv || dryRun.isPending}
          onClick={() => {
            dryRun.mutate({ csv: csv!, defaultGroupId: defaultGroupId || null });
          }}
        >
          {dryRun.isPending ? "Checking…" : "Check the file"}
        </button>
        <div className="mt-3">
          <ErrorNotice error={dryRun.error} />
        </div>
      </Section>

      {check && (
        <Section title="2. What will happen">
          <p className="text-sm" role="status">
            <strong>{numberFormat.format(check.validCount)}</strong> of {numberFormat.format(check.total)} rows of{" "}
            <span className="font-mono">{fileName}</span> are ready to import.
            {check.invalid.length > 0 &&
              ` ${numberFormat.format(check.total - check.validCount)} have errors and will be skipped; fix them in the file and import it again to add them.`}
          </p>
          {check.invalid.length > 0 && (
            <ImportProblems
              label="Rows with errors"
              nameColumn="Email"
              testId="import-error-row"
              rows={check.invalid.map((row) => ({ line: row.line, name: row.email, errors: row.errors }))}
            />
          )}
          {check.preview.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-700">First rows to import</h3>
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {check.preview.map((row) => (
                  <li key={row.line} className="py-1">
                    {row.firstName} {row.lastName} <span className="text-slate-600">{row.email}</span> →{" "}
                    {row.groupPath.join(" › ")}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="mt-4 flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={check.validCount === 0 || startImport.isPending}
              onClick={() => startImport.mutate({ csv: csv!, defaultGroupId: defaultGroupId || null, requestKey })}
            >
              {startImport.isPending
                ? "Starting…"
                : `Import ${numberFormat.format(check.validCount)} ${check.validCount === 1 ? "user" : "users"}`}
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
          <ErrorNotice error={startImport.error} />
        </Section>
      )}
      <BulkOperationList kinds={["import_users"]} startedHere={startedHere} />
      <p className="text-sm">
        <Link href="/dashboard/users" className="font-medium text-brand-800 hover:underline">
          See the users
        </Link>
      </p>
    </div>
  );
}
