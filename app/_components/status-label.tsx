import type { UserStatus } from "@/server/db/schema";

const onboarding: Record<UserStatus, { label: string; className: string }> = {
  not_invited: { label: "Not invited", className: "bg-orange-100 text-orange-800 ring-orange-600/30" },
  invited: { label: "Invited", className: "bg-blue-100 text-blue-800 ring-blue-600/30" },
  active: { label: "Active", className: "bg-green-100 text-green-800 ring-green-600/30" },
};

const base =
  "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

/** The user's status in the colours of docs/organisation-and-roles.md; Suspended and Locked show as labels of their own. */
export function StatusLabel({
  status,
  suspended,
  locked,
  delivery = null,
}: {
  status: UserStatus;
  suspended: boolean;
  locked: boolean;
  delivery?: "delivered" | "bounced" | "complained" | null;
}) {
  const { label, className } = onboarding[status];
  return (
    <span className="inline-flex flex-wrap items-start gap-1">
      <span className={`${base} ${className}`}>{label}</span>
      {suspended && <span className={`${base} bg-slate-200 text-slate-800 ring-slate-500/30`}>Suspended</span>}
      {locked && <span className={`${base} bg-red-100 text-red-800 ring-red-600/30`}>Locked</span>}
      {status === "invited" && delivery === "bounced" && (
        <span className={`${base} bg-red-50 text-red-800 ring-red-600/40`}>Invitation bounced</span>
      )}
      {status === "invited" && delivery === "complained" && (
        <span className={`${base} bg-red-50 text-red-800 ring-red-600/40`}>Marked as spam</span>
      )}
    </span>
  );
}
