import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current-actor";
import { can } from "@/server/scope";

// The landing after login: administrators go to the dashboard, everyone else to the portal.
export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  redirect(can(actor, "dashboard.open").allowed ? "/dashboard" : "/portal");
}
