"use client";

import { LocalTime } from "@/app/_components/local-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

export function NotificationList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.notifications.list.queryOptions());
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
        // The count in the menu is rendered on the server.
        router.refresh();
      },
    }),
  );
  const items = list.data ?? [];
  const unread = items.filter((n) => !n.readAt).length;

  if (list.isPending)
    return (
      <p className="mt-6 text-sm text-slate-600" aria-busy="true">
        Loading notifications…
      </p>
    );
  if (list.isError) {
    return (
      <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        The notifications could not be loaded. Reload the page to try again.
      </p>
    );
  }
  if (items.length === 0) {
    return (
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
        Nothing here yet. What needs your attention will be listed here as it happens.
      </p>
    );
  }
  return (
    <div className="mt-6">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{unread === 0 ? "All read." : `${unread} unread`}</p>
        {unread > 0 && (
          <button
            type="button"
            className={buttonClass}
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({ ids: "all" })}
          >
            {markRead.isPending ? "Marking…" : "Mark all as read"}
          </button>
        )}
      </div>
      <ul className="mt-3 space-y-2">
        {items.map((n) => (
          <li
            key={n.id}
            className={`rounded-lg border px-4 py-3 ${n.readAt ? "border-slate-200 bg-white" : "border-red-200 bg-red-50"}`}
            data-testid="notification"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-medium">
                {!n.readAt && <span className="sr-only">Unread: </span>}
                {n.title}
              </p>
              <time className="text-xs text-slate-600" dateTime={new Date(n.createdAt).toISOString()}>
                <LocalTime value={n.createdAt} />
              </time>
            </div>
            <p className="mt-1 text-sm text-slate-700">{n.body}</p>
            <div className="mt-2 flex gap-3 text-sm">
              {n.link && (
                <Link
                  href={n.link}
                  className="font-medium text-brand-800 hover:underline"
                  onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
                >
                  {linkLabel(n.link)}
                </Link>
              )}
              {!n.readAt && (
                <button
                  type="button"
                  className="font-medium text-slate-700 hover:underline"
                  onClick={() => markRead.mutate({ ids: [n.id] })}
                >
                  Mark as read
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a notification's link opens, in words. */
function linkLabel(link: string): string {
  if (link.startsWith("/dashboard/users/registration-requests")) return "Open the requests";
  if (link.startsWith("/dashboard/users/")) return "Open the user";
  if (link.startsWith("/dashboard/support/")) return "Open the issue";
  if (link.includes("#feedback")) return "Read the feedback";
  if (link.startsWith("/dashboard/content/")) return "Open the content";
  if (link.startsWith("/dashboard/boards/")) return "Open the reports";
  if (link.startsWith("/portal/boards/")) return "Open the thread";
  return "Open";
}
