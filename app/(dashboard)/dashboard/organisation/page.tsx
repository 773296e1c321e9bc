import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/controls";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { OrganisationTree } from "./organisation-tree";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage() {
  const [{ may }] = await Promise.all([
    currentShell(),
    serverQueryClient().prefetchQuery(prefetch.organisation.treeLevel.queryOptions({ parentId: null })),
  ]);
  return (
    <div className="mx-auto max-w-5xl">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Organisation</h1>
          <p className="mt-1 text-sm text-slate-600">
            The part of the tree you administer, with the users in each part by status. Open a node to see what is below
            it.
          </p>
        </div>
        {may.importOrganisation && (
          <Link href="/dashboard/organisation/import" className={buttonClass}>
            Import from CSV
          </Link>
        )}
      </div>
      <HydrateClient>
        <OrganisationTree />
      </HydrateClient>
    </div>
  );
}
