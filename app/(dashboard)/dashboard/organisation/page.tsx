import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { OrganisationTree } from "./organisation-tree";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage() {
  await serverQueryClient().prefetchQuery(prefetch.organisation.treeLevel.queryOptions({ parentId: null }));
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Organisation</h1>
      <p className="mt-1 text-sm text-slate-600">
        The part of the tree you administer, with the users in each part by status. Open a node to see what is below it.
      </p>
      <HydrateClient>
        <OrganisationTree />
      </HydrateClient>
    </div>
  );
}
