import type { SupportIssueStatus } from "../db/schema";

/**
 * An issue's workflow, written once for the server (which enforces it) and the pages (which offer
 * it): New → In progress → Waiting for reporter → Resolved → Closed, reopening back to In progress.
 */
export const nextStatuses: Record<SupportIssueStatus, readonly SupportIssueStatus[]> = {
  new: ["in_progress", "waiting", "resolved"],
  in_progress: ["waiting", "resolved"],
  waiting: ["in_progress", "resolved"],
  resolved: ["closed", "in_progress"],
  closed: ["in_progress"],
};

export const statusLabel: Record<SupportIssueStatus, string> = {
  new: "New",
  in_progress: "In progress",
  waiting: "Waiting for reporter",
  resolved: "Resolved",
  closed: "Closed",
};
