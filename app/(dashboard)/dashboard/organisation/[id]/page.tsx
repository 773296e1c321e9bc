import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { NodePage } from "./node-page";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationNodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The same inputs as the page's first queries, so the node and its children are in the first
  // HTML. A node out of scope (or not an id) is not prefetched; the page then says so itself.
  const queryClient = serverQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(prefetch.organisation.byId.queryOptions({ nodeId: id })),
    queryClient.prefetchQuery(prefetch.organisation.treeLevel.queryOptions({ parentId: id, includeArchived: false })),
  ]);
  // Keyed by node: moving to another node starts afresh (no placeholder from the previous one).
  return (
    <HydrateClient>
      <NodePage key={id} nodeId={id} />
    </HydrateClient>
  );
}
