"use client";

import { useState } from "react";
import { labelClass } from "./controls";
import { ScrollRegion } from "./scroll-region";

/**
 * A CSV file chosen on the page and read in the browser, for the imports: refused at once (in
 * words) when it is not a CSV file or larger than `maxBytes`, so nothing is sent for it.
 */
export function useCsvFile(options: { maxBytes: number; tooLarge: string; onChange?: () => void }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  async function read(file: File | undefined) {
    options.onChange?.();
    setFileError(null);
    setCsv(null);
    if (!file) return;
    setFileName(file.name);
    if (!/\.(csv|txt)$/i.test(file.name) && file.type !== "text/csv")
      return setFileError("Choose a CSV file (.csv). Spreadsheets can be saved as CSV from the File menu.");
    if (file.size > options.maxBytes) return setFileError(options.tooLarge);
    setCsv(await file.text());
  }
  return { csv, fileName, fileError, read };
}

/** The file chooser of an import, with its limits in the label and its error below. */
export function CsvFileInput(props: { id: string; limits: string; file: ReturnType<typeof useCsvFile> }) {
  return (
    <div className="mt-4">
      <label htmlFor={props.id} className={labelClass}>
        CSV file <span className="font-normal text-slate-600">({props.limits})</span>
      </label>
      <input
        id={props.id}
        type="file"
        accept=".csv,text/csv"
        onChange={(event) => void props.file.read(event.target.files?.[0])}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium"
      />
      {props.file.fileError && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {props.file.fileError}
        </p>
      )}
    </div>
  );
}

/** The lines of an imported file that have problems: its line number, what names it, what is wrong. */
export function ImportProblems(props: {
  label: string;
  /** The column naming each line ("Email", "Name"). */
  nameColumn: string;
  testId: string;
  rows: { line: number; name: string; errors: string[] }[];
}) {
  return (
    <ScrollRegion label={props.label} className="mt-3 rounded-md border border-red-200">
      <table className="min-w-full text-sm" aria-label={props.label}>
        <thead className="bg-red-50 text-left text-xs font-semibold text-red-900 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Line
            </th>
            <th scope="col" className="px-3 py-2">
              {props.nameColumn}
            </th>
            <th scope="col" className="px-3 py-2">
              What is wrong
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-red-100">
          {props.rows.map((row) => (
            <tr key={row.line} data-testid={props.testId}>
              <td className="px-3 py-2 align-top">{row.line}</td>
              <td className="px-3 py-2 align-top break-all">{row.name || "—"}</td>
              <td className="px-3 py-2">{row.errors.join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
