import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import Link from "next/link";
import { api, currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { FirstSteps } from "../first-steps";
import { OnboardingFunnel } from "./onboarding-funnel";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ node?: string | string[] }> }) {
  const { node } = await searchParams;
  // Only a well-formed id is passed on; the API still checks the node is in the admin's scope.
  const nodeId = typeof node === "string" && isId(node) ? node : undefined;
  const { may } = await currentShell();
  const pendingRequests = may.reviewRegistrations ? (await api.registration.counts()).pending : null;
  // The first page of the table and the funnel are in the first HTML; later pages load as asked.
  const queries = serverQueryClient();
  await Promise.all([
    queries.prefetchQuery(
      prefetch.users.list.queryOptions({ pageSize: 25, sort: "name", order: "asc", nodeId, direction: "next" }),
    ),
    nodeId ? null : queries.prefetchQuery(prefetch.users.funnel.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-6xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Users</h1>
          <p className="mt-1 text-sm text-slate-600">Everyone in the part of the organisation you administer.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {pendingRequests !== null && (
            <Link
              href="/dashboard/users/registration-requests"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
            >
              Registration requests
              {pendingRequests > 0 && (
                <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                  {pendingRequests.toLocaleString("en-GB")} pending
                </span>
              )}
            </Link>
          )}
          <Link
            href="/dashboard/users/import"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Import from CSV
          </Link>
          <Link
            href="/dashboard/users/new"
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            Add user
          </Link>
        </div>
      </div>
      {nodeId && (
        <p className="mt-3 text-sm text-slate-700">
          Showing the users of one part of the organisation.{" "}
          <Link href="/dashboard/users" className="font-medium text-brand-800 hover:underline">
            Show everyone
          </Link>
        </p>
      )}
      {may.manageSettings && !nodeId && <FirstSteps />}
      <HydrateClient>
        {!nodeId && <OnboardingFunnel />}
        <UsersTable nodeId={nodeId} key={nodeId ?? "all"} />
      </HydrateClient>
    </div>
  );
}
