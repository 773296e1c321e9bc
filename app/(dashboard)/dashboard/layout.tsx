import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { TRPCReactProvider } from "@/app/_trpc/client";
import { currentActor } from "@/server/auth/current-actor";
import { db } from "@/server/db/client";
import { unreadNotifications } from "@/server/notifications/inbox";
import { can } from "@/server/scope";

// Pages here are convenience; every piece of data still passes the scope resolver in tRPC.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (actor.awaitsTwoFactor) redirect("/portal/security");
  if (!can(actor, "dashboard.open").allowed) redirect("/portal");
  const unread = await unreadNotifications(db(), actor.userId);
  const items = [
    { href: "/dashboard/notifications", label: unread > 0 ? `Notifications (${unread})` : "Notifications" },
    { href: "/dashboard/users", label: "Users" },
    { href: "/dashboard/organisation", label: "Organisation" },
    ...(can(actor, "content.distribute").allowed ? [{ href: "/dashboard/content", label: "Content" }] : []),
    { href: "/dashboard/reports", label: "Reports" },
    { href: "/dashboard/audit", label: "Audit log" },
    ...(can(actor, "settings.manage").allowed ? [{ href: "/dashboard/settings", label: "Settings" }] : []),
    { href: "/portal", label: "My training" },
    { href: "/portal/security", label: "Security" },
  ];
  return (
    <AppShell actor={actor} area="Dashboard" items={items}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </AppShell>
  );
}
