import type { Metadata } from "next";
import { NotificationList } from "@/app/_components/notification-list";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Notifications" };

export default async function PortalNotificationsPage() {
  await serverQueryClient().prefetchQuery(prefetch.notifications.list.queryOptions());
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="mt-1 text-sm text-slate-600">Replies to your threads, and posts that mention you.</p>
      <HydrateClient>
        <NotificationList />
      </HydrateClient>
    </div>
  );
}
