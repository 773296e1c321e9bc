import type { Metadata } from "next";
import { PortalItems } from "@/app/_components/portal-items";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "My training" };

export default async function PortalHome() {
  const [home, groups] = await pageData(() => Promise.all([api.portal.home(), api.portal.groups()]));
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">My training</h1>
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
