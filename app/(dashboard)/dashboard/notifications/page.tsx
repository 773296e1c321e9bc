import type { Metadata } from "next";
import { NotificationList } from "./notification-list";

export const metadata: Metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="mt-1 text-sm text-slate-600">
        What needs your attention in your part of the organisation: accounts that locked themselves after failed
        sign-ins.
      </p>
      <NotificationList />
    </div>
  );
}
