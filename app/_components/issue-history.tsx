import { issueStatusText } from "./issue-labels";
import { LocalTime } from "./local-time";
import { fileSizeText } from "./upload";
import type { SupportEventKind, SupportIssueStatus } from "@/server/db/schema";

export interface IssueEvent {
  id: string;
  kind: SupportEventKind;
  public: boolean;
  body: string;
  data: Record<string, string | number | boolean | null>;
  createdAt: Date | string;
  actorName: string | null;
  byReporter: boolean;
}

const isStatus = (value: unknown): value is SupportIssueStatus =>
  typeof value === "string" && ["new", "in_progress", "waiting", "resolved", "closed"].includes(value);

function headline(event: IssueEvent, reporterView: boolean): string {
  const who = event.actorName || (event.byReporter ? "The reporter" : "Someone");
  // The reporter reads "the support team" rather than who inside the company answered.
  const speaker =
    reporterView && !event.byReporter ? "The support team" : event.byReporter && reporterView ? "You" : who;
  switch (event.kind) {
    case "created":
      return `${speaker} reported the issue`;
    case "reply":
      return `${speaker} wrote`;
    case "note":
      return `Internal note by ${who} (the reporter does not see it)`;
    case "status": {
      const to = isStatus(event.data.to) ? issueStatusText(event.data.to) : "another status";
      return event.data.reopened ? `${speaker} reopened the issue` : `${speaker} set the status to ${to}`;
    }
    case "assigned":
      return event.data.toName
        ? `${who} assigned it to ${String(event.data.toName)}`
        : `${who} took the assignment away`;
    case "reportability":
      return `${who} decided on reportability: ${event.data.reportability === "yes" ? "a serious incident, to report" : event.data.reportability === "no" ? "not reportable" : "undecided"}`;
    case "file":
      return event.public ? `${speaker} added a file` : `Internal file from ${who} (the reporter does not see it)`;
    default:
      return `${speaker} changed the issue`;
  }
}

/** An issue's history, oldest first: what the viewer may read of it (the server leaves out the rest). */
export function IssueHistory({
  issueId,
  events,
  reporterView,
}: {
  issueId: string;
  events: IssueEvent[];
  reporterView: boolean;
}) {
  return (
    <ol className="space-y-3" aria-label="History">
      {events.map((event) => (
        <li
          key={event.id}
          className={`rounded-lg border p-3 text-sm ${!event.public ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
        >
          <p className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <span className="font-medium">{headline(event, reporterView)}</span>
            <span className="text-xs text-slate-600">
              <LocalTime value={event.createdAt} />
            </span>
          </p>
          {event.body && <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">{event.body}</p>}
          {event.kind === "file" && <IssueFileLink issueId={issueId} event={event} />}
        </li>
      ))}
    </ol>
  );
}

/** A file of the history: its name and size to download, and images shown in the page. */
function IssueFileLink({ issueId, event }: { issueId: string; event: IssueEvent }) {
  const href = `/api/support/${issueId}/files/${event.id}`;
  const name = String(event.data.name ?? "file");
  const image = String(event.data.type ?? "").startsWith("image/");
  return (
    <div className="mt-1">
      <a href={href} className="font-medium break-all text-brand-800 underline">
        {name}
      </a>{" "}
      <span className="text-slate-600">({fileSizeText(Number(event.data.size ?? 0))})</span>
      {image && (
        // A file of ours behind the resolver, not an optimisable public asset.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={href} alt={name} className="mt-2 max-h-64 max-w-full rounded border border-slate-200" />
      )}
    </div>
  );
}
