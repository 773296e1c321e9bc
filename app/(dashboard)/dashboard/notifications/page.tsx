import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { NotificationList } from "@/app/_components/notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await serverQueryClient().prefetchQuery(prefetch.notifications.list.queryOptions());
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="mt-1 text-sm text-slate-600">
        What needs your attention in your part of the organisation: registration requests waiting, invitations that
        bounced, content that reached you, accounts that locked themselves.
      </p>
      <HydrateClient>
        <NotificationList />
      </HydrateClient>
    </div>
  );
}
