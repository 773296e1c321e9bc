"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { fileSizeText, uploadLimits, UploadProgress, uploadWithProgress } from "@/app/_components/upload";
import { useTRPC } from "@/app/_trpc/client";

interface IssueType {
  id: string;
  name: string;
  description: string;
  deviceComplaint: boolean;
  attachmentsAllowed: boolean;
}

/** Files chosen on the form, uploaded once the report exists; one that is refused is said. */
interface Uploading {
  issueId: string;
  index: number;
  percent: number;
  failed: { name: string; error: string }[];
}

/** The report: the kind of issue, what it is about, what happened; for a device complaint, the device. */
export function ReportForm(props: {
  types: IssueType[];
  items: { id: string; title: string }[];
  initialItem: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [typeId, setTypeId] = useState(props.types.length === 1 ? props.types[0]!.id : "");
  const type = props.types.find((t) => t.id === typeId);
  const [missingType, setMissingType] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const report = useMutation(
    trpc.support.report.mutationOptions({
      onSuccess: async ({ id }) => {
        const chosen = type?.attachmentsAllowed ? files : [];
        const failed: Uploading["failed"] = [];
        for (const [index, file] of chosen.entries()) {
          setUploading({ issueId: id, index, percent: 0, failed });
          const form = new FormData();
          form.append("file", file);
          const result = await uploadWithProgress(`/api/support/${id}/files`, form, (percent) =>
            setUploading({ issueId: id, index, percent, failed }),
          );
          if (!result.ok) failed.push({ name: file.name, error: result.error });
        }
        // A refused file leaves the report standing: the person reads why, and adds it on the issue.
        if (failed.length > 0) setUploading({ issueId: id, index: chosen.length, percent: 100, failed });
        else router.push(`/portal/support/${id}`);
      },
    }),
  );
  const addFiles = (chosen: FileList | null) => {
    setFileError(null);
    const list = Array.from(chosen ?? []);
    const tooLarge = list.find((file) => file.size > uploadLimits.maxBytes);
    if (tooLarge) setFileError(`${tooLarge.name}: ${uploadLimits.tooLarge}`);
    setFiles((current) => [...current, ...list.filter((file) => file.size <= uploadLimits.maxBytes)].slice(0, 10));
  };
  const errors = report.error?.data?.zodIssues?.fieldErrors;
  const error = (field: string) => errors?.[field]?.[0];
  const message = (field: string, text: string | undefined) =>
    text ? (
      <p id={`report-${field}-error`} className="mt-1 text-sm text-red-700">
        {text}
      </p>
    ) : null;
  const described = (field: string) => (error(field) ? `report-${field}-error` : undefined);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <form
      className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!type) {
          setMissingType(true);
          return;
        }
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? "");
        report.mutate({
          typeId: type.id,
          itemId: text("itemId") || null,
          title: text("title"),
          description: text("description"),
          severity: text("severity") as "low" | "medium" | "high" | "critical",
          device: type.deviceComplaint
            ? { serial: text("serial"), eventDate: text("eventDate"), harm: text("harm") === "yes" }
            : null,
        });
      }}
    >
      {report.error && !errors && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {report.error.message}
        </p>
      )}
      <div>
        <label htmlFor="report-type" className={labelClass}>
          Kind of issue
        </label>
        <select
          id="report-type"
          value={typeId}
          onChange={(e) => {
            setTypeId(e.target.value);
            setMissingType(false);
          }}
          aria-describedby={type?.description ? "report-type-help" : undefined}
          aria-invalid={missingType || undefined}
          className={inputClass}
        >
          <option value="">Choose…</option>
          {props.types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.deviceComplaint ? " (device complaint)" : ""}
            </option>
          ))}
        </select>
        {type?.description && (
          <p id="report-type-help" className="mt-1 text-sm text-slate-600">
            {type.description}
          </p>
        )}
        {missingType && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            Choose the kind of issue.
          </p>
        )}
      </div>
      <div>
        <label htmlFor="report-item" className={labelClass}>
          Product or training it is about <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <select id="report-item" name="itemId" defaultValue={props.initialItem ?? ""} className={inputClass}>
          <option value="">None in particular</option>
          {props.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title}
            </option>
          ))}
        </select>
        {message("itemId", error("itemId"))}
      </div>
      <div>
        <label htmlFor="report-title" className={labelClass}>
          Title
        </label>
        <input
          id="report-title"
          name="title"
          maxLength={200}
          aria-invalid={error("title") ? true : undefined}
          aria-describedby={described("title")}
          className={inputClass}
        />
        {message("title", error("title"))}
      </div>
      <div>
        <label htmlFor="report-description" className={labelClass}>
          What happened
        </label>
        <textarea
          id="report-description"
          name="description"
          rows={6}
          maxLength={10_000}
          aria-invalid={error("description") ? true : undefined}
          aria-describedby={described("description")}
          className={inputClass}
        />
        {message("description", error("description"))}
      </div>
      <div>
        <label htmlFor="report-severity" className={labelClass}>
          How serious is it?
        </label>
        <select id="report-severity" name="severity" defaultValue="medium" className={inputClass}>
          <option value="low">Low: a question or an inconvenience</option>
          <option value="medium">Medium: it gets in the way of work</option>
          <option value="high">High: work stops, or care could be affected</option>
          <option value="critical">Critical: a patient or user was or could be harmed</option>
        </select>
      </div>
      {type?.deviceComplaint && (
        <fieldset className="space-y-4 rounded-md border border-amber-300 bg-amber-50 p-4">
          <legend className="px-1 text-sm font-semibold text-amber-900">The device</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="report-serial" className={labelClass}>
                Serial or lot number
              </label>
              <input id="report-serial" name="serial" maxLength={100} className={inputClass} />
            </div>
            <div>
              <label htmlFor="report-event-date" className={labelClass}>
                Date of the event
              </label>
              <input id="report-event-date" name="eventDate" type="date" max={today} className={inputClass} />
            </div>
          </div>
          <fieldset>
            <legend className={labelClass}>Was a patient or user harmed?</legend>
            <div className="mt-1 flex gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="harm" value="yes" /> Yes
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="harm" value="no" defaultChecked /> No
              </label>
            </div>
          </fieldset>
          {message("device", error("device"))}
        </fieldset>
      )}
      {type?.attachmentsAllowed && (
        <div>
          <p className={labelClass}>
            Files <span className="font-normal text-slate-500">(optional: photos, logs, documents)</span>
          </p>
          {files.length > 0 && (
            <ul className="mt-1 space-y-1 text-sm" aria-label="Files to send">
              {files.map((file, index) => (
                <li key={`${file.name}-${index}`} className="flex flex-wrap items-center gap-x-3">
                  <span className="break-all">{file.name}</span>
                  <span className="text-slate-600">({fileSizeText(file.size)})</span>
                  <button
                    type="button"
                    className="text-brand-800 underline"
                    aria-label={`Remove ${file.name}`}
                    onClick={() => setFiles((current) => current.filter((_, i) => i !== index))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label
            htmlFor="report-files"
            className="mt-1 inline-block cursor-pointer text-sm font-medium text-brand-800 hover:underline focus-within:underline"
          >
            {files.length > 0 ? "Add another file" : "Add a file"}
            <input
              id="report-files"
              type="file"
              multiple
              className="sr-only"
              accept={uploadLimits.accept}
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = "";
              }}
            />
          </label>
          <p className="text-xs text-slate-500">{uploadLimits.kinds} each, up to 10 files.</p>
          {fileError && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {fileError}
            </p>
          )}
        </div>
      )}
      {uploading && uploading.index < files.length && (
        <div aria-live="polite" className="text-sm">
          <p>
            Your report is in. Sending file {uploading.index + 1} of {files.length}…
          </p>
          <UploadProgress label={`File ${uploading.index + 1} of ${files.length}`} percent={uploading.percent} />
        </div>
      )}
      {uploading && uploading.failed.length > 0 && uploading.index >= files.length ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          <p className="font-medium">Your report was sent, but not every file could be added:</p>
          <ul className="mt-1 list-disc pl-5">
            {uploading.failed.map((failure) => (
              <li key={failure.name}>
                {failure.name}: {failure.error}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link href={`/portal/support/${uploading.issueId}`} className="font-medium text-brand-800 underline">
              Open your issue
            </Link>{" "}
            to add them again or describe them in a reply.
          </p>
        </div>
      ) : (
        <button type="submit" disabled={report.isPending || uploading !== null} className={primaryButtonClass}>
          {report.isPending || uploading ? "Sending…" : "Send the report"}
        </button>
      )}
    </form>
  );
}
