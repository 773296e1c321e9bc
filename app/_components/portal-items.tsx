import Link from "next/link";
import type { PortalItem } from "@/server/content/portal";
import type { ContentKind } from "@/server/db/schema";

const sections: { title: string; kinds: ContentKind[]; empty: string }[] = [
  { title: "My trainings", kinds: ["course", "session"], empty: "No trainings yet." },
  { title: "My products", kinds: ["product"], empty: "No products yet." },
  { title: "My documents", kinds: ["document"], empty: "No documents yet." },
];
const kindNote: Record<ContentKind, string> = {
  course: "Self-study course",
  session: "Teacher-led session",
  product: "Product",
  document: "Document",
};

/**
 * What a person has, by section, each course with its progress. `linked`: the person's own portal
 * (items open); an admin's preview shows the same list without opening anything.
 */
export function PortalItems({
  items,
  counts,
  linked,
}: {
  items: PortalItem[];
  counts: Record<ContentKind, number>;
  linked: boolean;
}) {
  return (
    <div className="space-y-8">
      {sections.map((section) => {
        const shown = items.filter((item) => section.kinds.includes(item.kind));
        const total = section.kinds.reduce((sum, kind) => sum + counts[kind], 0);
        return (
          <section key={section.title} aria-label={section.title}>
            <h2 className="text-lg font-semibold">
              {section.title} <span className="text-sm font-normal text-slate-600">({total})</span>
            </h2>
            {shown.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">{section.empty}</p>
            ) : (
              <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {shown.map((item) => (
                  <li
                    key={item.id}
                    className="rounded-lg border border-slate-200 bg-white p-4"
                    data-testid="portal-item"
                  >
                    <p className="text-xs text-slate-600">{kindNote[item.kind]}</p>
                    {linked ? (
                      <Link
                        href={`/portal/items/${item.id}`}
                        className="mt-1 block font-medium text-brand-800 hover:underline"
                      >
                        {item.title}
                      </Link>
                    ) : (
                      <p className="mt-1 font-medium">{item.title}</p>
                    )}
                    {item.summary && <p className="mt-1 line-clamp-2 text-sm text-slate-700">{item.summary}</p>}
                    {item.kind === "course" && (
                      <div className="mt-3">
                        <div
                          className="h-2 rounded bg-slate-200"
                          role="progressbar"
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={item.percent ?? 0}
                          aria-label={`${item.title}: progress`}
                        >
                          <div className="h-2 rounded bg-brand-700" style={{ width: `${item.percent ?? 0}%` }} />
                        </div>
                        <p className="mt-1 text-xs text-slate-700">
                          {item.completed ? "Completed" : item.percent ? `${item.percent} % done` : "Not started"}
                        </p>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {total > shown.length && (
              <p className="mt-2 text-sm text-slate-600">
                Showing the first {shown.length} of {total}, by title.
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
