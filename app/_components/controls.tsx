import type { ReactNode } from "react";
import { ModalDialog } from "./modal-dialog";

/** The dashboard's form controls and panels, so every page looks and behaves the same. */
export const buttonClass =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-50";
export const primaryButtonClass =
  "rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60";
export const dangerButtonClass =
  "rounded-md bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-40";
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm";
export const labelClass = "block text-sm font-medium text-slate-800";

/**
 * A labelled list of choices that filters what a page shows: the first option is "any" (the empty
 * value), the rest the given options.
 */
export function FilterSelect<Value extends string>(props: {
  id: string;
  label: string;
  value: Value | "";
  anyLabel: string;
  options: readonly { value: Value; label: string }[];
  onChange: (value: Value | "") => void;
  className?: string;
}) {
  return (
    <div>
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as Value | "")}
        className={props.className ?? inputClass}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section({
  title,
  children,
  actions,
  id,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** For links to the section (page#id). */
  id?: string;
}) {
  return (
    <section id={id} className="min-w-0 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5" aria-label={title}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        {actions}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className="font-medium break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ErrorNotice({ error }: { error: { message: string } | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.message}
    </p>
  );
}

/**
 * The last step before something is deleted for good: the person types the name shown, and only
 * then may press the button. `hint` says what the safe alternative is.
 */
export function TypedDeleteConfirmation(props: {
  title: string;
  hint: ReactNode;
  expected: string;
  normalise?: (typed: string) => string;
  pending: boolean;
  onConfirm: (typed: string) => void;
  idPrefix: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const normalise = props.normalise ?? ((typed: string) => typed.trim());
  return (
    <section className="rounded-lg border border-red-200 bg-white p-5" aria-labelledby={`${props.idPrefix}-title`}>
      <h2 id={`${props.idPrefix}-title`} className="text-base font-semibold text-red-800">
        {props.title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{props.hint}</p>
      <form
        className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm(props.value);
        }}
      >
        <div className="flex-1">
          <label htmlFor={`${props.idPrefix}-confirm`} className={labelClass}>
            Type <span className="font-mono">{props.expected}</span> to confirm
          </label>
          <input
            id={`${props.idPrefix}-confirm`}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
            autoComplete="off"
            className={inputClass}
          />
        </div>
        <button
          type="submit"
          disabled={normalise(props.value) !== props.expected || props.pending}
          className={dangerButtonClass}
        >
          {props.pending ? "Deleting…" : "Delete permanently"}
        </button>
      </form>
    </section>
  );
}

/**
 * Asks once more before a reversible but disruptive step (suspend, archive): the question, what
 * it does and how to undo it, the action (focused first) and Cancel, in a modal dialog.
 */
export function ConfirmPanel(props: {
  id: string;
  question: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog labelledBy={`${props.id}-title`} onClose={props.onCancel} tone="warning">
      <p id={`${props.id}-title`} className="font-medium">
        {props.question}
      </p>
      <p className="mt-1 text-sm text-slate-700">{props.children}</p>
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          className="rounded-md bg-amber-700 px-3 py-2 text-sm font-semibold text-white hover:bg-amber-800"
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className={buttonClass} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
