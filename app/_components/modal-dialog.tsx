"use client";

import { useEffect, useRef, type ReactNode } from "react";

const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A question that must be answered before anything else on the page: a modal <dialog>, shown while
 * mounted. Focus stays inside it (the page behind is inert, Tab wraps round); Escape (or a tap on the
 * shade) calls onClose; focus goes back to whatever opened it once it is gone.
 */
export function ModalDialog(props: {
  /** The id of the element naming the dialog (its question). */
  labelledBy: string;
  onClose: () => void;
  /** alertdialog for a confirmation, dialog for a form. */
  role?: "alertdialog" | "dialog";
  tone?: "neutral" | "warning" | "danger";
  /** False while its work runs: Escape and the shade do nothing until it is done. */
  dismissible?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  const dismissible = useRef(props.dismissible ?? true);
  useEffect(() => {
    onClose.current = props.onClose;
    dismissible.current = props.dismissible ?? true;
  });
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      // The opener may have been replaced by the answer (a button that became a status): then focus
      // stays where the browser puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const tone = {
    neutral: "border-slate-300 bg-white",
    warning: "border-amber-300 bg-amber-50",
    danger: "border-red-200 bg-red-50",
  }[props.tone ?? "neutral"];
  return (
    <dialog
      ref={dialog}
      role={props.role ?? "alertdialog"}
      aria-labelledby={props.labelledBy}
      aria-modal="true"
      className={`m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 ${tone}`}
      // Escape, or a tap on the shade, closes it; the page's state then takes it away. (A close
      // from an effect's clean-up that React re-ran finds the dialog open again, and is ignored.)
      onClose={(event) => {
        if (!event.currentTarget.open) onClose.current();
      }}
      onCancel={(event) => {
        if (!dismissible.current) event.preventDefault();
      }}
      onClick={(event) => {
        if (event.target === dialog.current && dismissible.current) dialog.current.close();
      }}
      onKeyDown={(event) => {
        // The page behind is inert, but Tab would still leave for the browser's own bar: wrap it.
        if (event.key !== "Tab") return;
        const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(focusableSelector)].filter(
          (element) => element.getClientRects().length > 0,
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <div className="p-4">{props.children}</div>
    </dialog>
  );
}
