import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { TRPCReactProvider } from "@/app/_trpc/client";
import { currentShell } from "@/app/_trpc/server";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const shell = await currentShell();
  const items = [
    { href: "/portal", label: "My training" },
    { href: "/portal/training-record", label: "Training record" },
    ...(shell.may.useBoards
      ? [
          { href: "/portal/boards", label: "Community" },
          {
            href: "/portal/notifications",
            label: shell.unreadNotifications > 0 ? `Notifications (${shell.unreadNotifications})` : "Notifications",
          },
        ]
      : []),
    ...(shell.may.reportIssues ? [{ href: "/portal/support", label: "Support" }] : []),
    { href: "/portal/profile", label: "Profile" },
    { href: "/portal/security", label: "Security" },
    ...(shell.may.openDashboard ? [{ href: "/dashboard", label: "Dashboard" }] : []),
  ];
  return (
    <AppShell shell={shell} area="Portal" items={items}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </AppShell>
  );
}
