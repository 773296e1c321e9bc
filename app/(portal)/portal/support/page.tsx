import type { Metadata } from "next";
import Link from "next/link";
import { IssueStatusLabel } from "@/app/_components/issue-labels";
import { LocalTime } from "@/app/_components/local-time";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Support" };

export default async function SupportPage() {
  const issues = await pageData(() => api.support.mine());
  return (
    <div className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Support</h1>
        <Link
          href="/portal/support/new"
          className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Report an issue
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        A problem with a device or with the training, a question for the support team: report it here and follow the
        answers. You get an email whenever there is news.
      </p>
      {issues.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          You have not reported any issue yet.
        </p>
      ) : (
        <ul
          className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="Your issues"
        >
          {issues.map((issue) => (
            <li key={issue.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div className="min-w-0">
                <Link href={`/portal/support/${issue.id}`} className="font-medium text-brand-800 hover:underline">
                  {issue.title}
                </Link>
                <p className="text-xs text-slate-600">
                  Issue {issue.number} · {issue.typeName} · updated <LocalTime value={issue.updatedAt} />
                </p>
              </div>
              <IssueStatusLabel value={issue.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
