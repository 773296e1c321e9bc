import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { ReporterIssue } from "./reporter-issue";

export const metadata: Metadata = { title: "Support issue" };

export default async function PortalIssuePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) notFound();
  // In the first HTML; an issue that is not theirs is not prefetched, and the page says so.
  await serverQueryClient().prefetchQuery(prefetch.support.byId.queryOptions({ issueId: id }));
  return (
    <HydrateClient>
      <ReporterIssue issueId={id} />
    </HydrateClient>
  );
}
