"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

const numberFormat = new Intl.NumberFormat("en-GB");

/** The onboarding funnel of the admin's scope as a bar chart, in the status colours of docs/organisation-and-roles.md. */
export function OnboardingFunnel() {
  const trpc = useTRPC();
  const funnel = useQuery(trpc.users.funnel.queryOptions(undefined, { refetchInterval: 10_000 }));
  if (!funnel.data) return null;
  const f = funnel.data;
  const stages = [
    { label: "Not invited", value: f.notInvited, bar: "bg-orange-400" },
    { label: "Invited", value: f.invited, bar: "bg-blue-500" },
    { label: "Delivered", value: f.delivered, bar: "bg-sky-400" },
    { label: "Bounced", value: f.bounced, bar: "bg-red-500" },
    { label: "Active", value: f.active, bar: "bg-green-600" },
  ];
  const max = Math.max(1, ...stages.map((s) => s.value));
  return (
    <figure className="mt-5 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="funnel-title">
      <figcaption id="funnel-title" className="text-sm font-semibold text-slate-800">
        Onboarding{" "}
        <span className="font-normal text-slate-600">
          (suspended users left out; Delivered and Bounced are part of Invited)
        </span>
      </figcaption>
      <dl className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-5" data-testid="funnel">
        {stages.map((stage) => (
          <div key={stage.label} className="sm:flex sm:flex-col-reverse">
            <dt className="text-xs text-slate-600">{stage.label}</dt>
            <dd className="flex items-center gap-2 sm:block">
              <span className="w-16 text-lg font-semibold tabular-nums sm:block sm:w-auto">
                {numberFormat.format(stage.value)}
              </span>
              <span className="block h-2 flex-1 rounded bg-slate-100 sm:mt-1" aria-hidden>
                <span className={`block h-2 rounded ${stage.bar}`} style={{ width: `${(stage.value / max) * 100}%` }} />
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
