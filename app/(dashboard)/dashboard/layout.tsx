import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { TRPCReactProvider } from "@/app/_trpc/client";
import { currentShell } from "@/app/_trpc/server";

// Pages here are convenience; every piece of data still passes the scope resolver in tRPC.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const shell = await currentShell();
  if (shell.awaitsTwoFactor) redirect("/portal/security");
  // Support staff without an admin role have the dashboard for their inbox, while support is on.
  if (!shell.may.openDashboard || (!shell.may.administer && !shell.may.handleIssues)) redirect("/portal");
  const unread = shell.unreadNotifications;
  const { may } = shell;
  const items = [
    { href: "/dashboard/notifications", label: unread > 0 ? `Notifications (${unread})` : "Notifications" },
    ...(may.administer
      ? [
          { href: "/dashboard/users", label: "Users" },
          { href: "/dashboard/organisation", label: "Organisation" },
        ]
      : []),
    ...(may.distributeContent ? [{ href: "/dashboard/content", label: "Content" }] : []),
    ...(may.handleIssues ? [{ href: "/dashboard/support", label: "Support" }] : []),
    ...(may.moderateBoards ? [{ href: "/dashboard/boards", label: "Community" }] : []),
    ...(may.administer
      ? [
          { href: "/dashboard/reports", label: "Reports" },
          { href: "/dashboard/audit", label: "Audit log" },
        ]
      : []),
    ...(may.managePermissionGroups ? [{ href: "/dashboard/permission-groups", label: "Permission groups" }] : []),
    ...(may.manageSettings ? [{ href: "/dashboard/settings", label: "Settings" }] : []),
    { href: "/portal", label: "My training" },
    { href: "/portal/security", label: "Security" },
  ];
  return (
    <AppShell shell={shell} area="Dashboard" items={items}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </AppShell>
  );
}
