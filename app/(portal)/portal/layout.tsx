import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { TRPCReactProvider } from "@/app/_trpc/client";
import { currentActor } from "@/server/auth/current-actor";
import { can } from "@/server/scope";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const items = [
    { href: "/portal", label: "My training" },
    { href: "/portal/profile", label: "Profile" },
    { href: "/portal/security", label: "Security" },
    ...(can(actor, "dashboard.open").allowed ? [{ href: "/dashboard", label: "Dashboard" }] : []),
  ];
  return (
    <AppShell actor={actor} area="Portal" items={items}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </AppShell>
  );
}
