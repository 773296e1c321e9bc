"use client";

import { buttonClass } from "@/app/_components/controls";

/** The browser's print, which also saves as PDF; hidden on paper. */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  return (
    <button type="button" className={`${buttonClass} print:hidden`} onClick={() => window.print()}>
      {label}
    </button>
  );
}
