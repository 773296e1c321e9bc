import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { BoardView } from "./board-view";

export const metadata: Metadata = { title: "Community board" };

export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) notFound();
  const heading = await pageData(() => api.boards.heading({ boardId: id }));
  await serverQueryClient().prefetchQuery(prefetch.boards.threads.queryOptions({ boardId: id, page: 1 }));
  return (
    <HydrateClient>
      <BoardView boardId={id} heading={heading} />
    </HydrateClient>
  );
}
