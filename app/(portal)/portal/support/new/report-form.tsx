"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

interface IssueType {
  id: string;
  name: string;
  description: string;
  deviceComplaint: boolean;
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
  const report = useMutation(
    trpc.support.report.mutationOptions({ onSuccess: ({ id }) => router.push(`/portal/support/${id}`) }),
  );
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
      <button type="submit" disabled={report.isPending} className={primaryButtonClass}>
        {report.isPending ? "Sending…" : "Send the report"}
      </button>
    </form>
  );
}
