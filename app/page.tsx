import { redirect } from "next/navigation";
import { currentShell } from "@/app/_trpc/server";

// The landing after login: administrators go to the dashboard, everyone else to the portal; an
// administrator whom the owner requires to use two-step verification sets it up first.
export default async function Home() {
  const shell = await currentShell();
  if (shell.awaitsTwoFactor) redirect("/portal/security");
  redirect(shell.may.openDashboard ? "/dashboard" : "/portal");
}
