import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { NodePage } from "./node-page";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationNodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The same inputs as the page's first queries, so the node and its children are in the first
  // HTML. A node out of scope (or not an id) is not prefetched; the page then says so itself.
  const queryClient = serverQueryClient();
  const node = prefetch.organisation.byId.queryOptions({ nodeId: id });
  await Promise.all([
    queryClient.prefetchQuery(node),
    queryClient.prefetchQuery(prefetch.organisation.treeLevel.queryOptions({ parentId: id, includeArchived: false })),
  ]);
  // A group's page lists its members: those too (the list's own query, as GroupMembers asks it).
  if (queryClient.getQueryData(node.queryKey)?.kind === "group")
    await queryClient.prefetchQuery(prefetch.users.list.queryOptions({ nodeId: id, pageSize: 100 }));
  // Keyed by node: moving to another node starts afresh (no placeholder from the previous one).
  return (
    <HydrateClient>
      <NodePage key={id} nodeId={id} />
    </HydrateClient>
  );
}
