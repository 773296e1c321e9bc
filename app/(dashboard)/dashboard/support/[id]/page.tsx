import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { HandlerIssue } from "./handler-issue";

export const metadata: Metadata = { title: "Support issue" };

export default async function DashboardIssuePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) notFound();
  // An issue out of reach is not prefetched; the page then says there is no such issue.
  await serverQueryClient().prefetchQuery(prefetch.support.byId.queryOptions({ issueId: id }));
  return (
    <HydrateClient>
      <HandlerIssue issueId={id} />
    </HydrateClient>
  );
}
