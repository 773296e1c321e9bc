import type { SupportIssueStatus, SupportSeverity } from "@/server/db/schema";
import { statusLabel } from "@/server/support/workflow";

const base =
  "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

const statusColour: Record<SupportIssueStatus, string> = {
  new: "bg-blue-100 text-blue-800 ring-blue-600/30",
  in_progress: "bg-amber-100 text-amber-900 ring-amber-600/30",
  waiting: "bg-violet-100 text-violet-800 ring-violet-600/30",
  resolved: "bg-green-100 text-green-800 ring-green-600/30",
  closed: "bg-slate-200 text-slate-800 ring-slate-500/30",
};

const severity: Record<SupportSeverity, { label: string; className: string }> = {
  low: { label: "Low", className: "bg-slate-100 text-slate-700 ring-slate-500/30" },
  medium: { label: "Medium", className: "bg-sky-100 text-sky-800 ring-sky-600/30" },
  high: { label: "High", className: "bg-orange-100 text-orange-800 ring-orange-600/30" },
  critical: { label: "Critical", className: "bg-red-100 text-red-800 ring-red-600/30" },
};

export const issueStatusText = (value: SupportIssueStatus) => statusLabel[value];
export const severityText = (value: SupportSeverity) => severity[value].label;

/** A support issue's status, in its colour. */
export function IssueStatusLabel({ value }: { value: SupportIssueStatus }) {
  return <span className={`${base} ${statusColour[value]}`}>{statusLabel[value]}</span>;
}

/** How serious the reporter says it is, in its colour. */
export function SeverityLabel({ value }: { value: SupportSeverity }) {
  return <span className={`${base} ${severity[value].className}`}>{severity[value].label}</span>;
}
