import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { UserDetail } from "./user-detail";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // In the first HTML when the person is in reach; otherwise the page says so as before.
  if (isId(id)) {
    await serverQueryClient().prefetchQuery(prefetch.users.byId.queryOptions({ userId: id }));
  }
  return (
    <HydrateClient>
      <UserDetail userId={id} />
    </HydrateClient>
  );
}
