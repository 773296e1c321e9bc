import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { ThreadView } from "./thread-view";

export const metadata: Metadata = { title: "Thread" };

export default async function ThreadPage({ params }: { params: Promise<{ id: string; threadId: string }> }) {
  const { id, threadId } = await params;
  if (!isId(id) || !isId(threadId)) notFound();
  const [heading] = await Promise.all([
    pageData(() => api.boards.heading({ boardId: id })),
    pageData(() => api.boards.thread({ boardId: id, threadId, page: 1 })),
  ]);
  await serverQueryClient().prefetchQuery(prefetch.boards.thread.queryOptions({ boardId: id, threadId, page: 1 }));
  return (
    <HydrateClient>
      <ThreadView boardId={id} boardName={heading.name} threadId={threadId} />
    </HydrateClient>
  );
}
