import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/app/_components/local-time";
import { PortalItems } from "@/app/_components/portal-items";
import { RequirementLabel } from "@/app/_components/training-standing";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "My training" };

export default async function PortalHome() {
  // Training that needs attention, overdue first: a course to retrain on, or one due within two
  // weeks. The rest is in the training record.
  const [home, groups, due] = await pageData(() =>
    Promise.all([api.portal.home(), api.portal.groups(), api.portal.trainingDue()]),
  );
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">My training</h1>
      {due.length > 0 && (
        <section
          aria-labelledby="due-heading"
          className={`mt-4 rounded-lg border p-4 ${due.some((r) => r.overdue) ? "border-red-200 bg-red-50" : "border-amber-200 bg-amber-50"}`}
        >
          <h2 id="due-heading" className="text-base font-semibold">
            Training to complete
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {due.map((r) => (
              <li key={r.itemId} data-testid="due-training" className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link
                  href={`/portal/items/${r.itemId}`}
                  className="font-medium text-blue-800 underline underline-offset-2"
                >
                  {r.title}
                </Link>
                <RequirementLabel requirement={r} />
                <span className="text-slate-700">
                  {r.overdue ? "was due" : "due"} <LocalTime value={r.dueAt} />
                  {r.percent > 0 && ` · ${r.percent} % done`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {home.items.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-base font-medium">Nothing assigned to you yet</p>
          <p className="mt-1 text-sm text-slate-600">
            Products, trainings and documents appear here once your administrator assigns them to you or to one of your
            groups.
          </p>
        </div>
      ) : (
        <div className="mt-6">
          <PortalItems items={home.items} counts={home.counts} linked />
        </div>
      )}
      <section aria-labelledby="groups-heading" className="mt-8">
        <h2 id="groups-heading" className="text-base font-semibold">
          Your groups
        </h2>
        {groups.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            You are not in a user group. Your administrator places you in one.
          </p>
        ) : (
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {groups.map((group) => (
              <li key={group.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
                <p className="font-medium">{group.name}</p>
                {group.within.length > 0 && <p className="text-slate-600">{group.within.join(" › ")}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
