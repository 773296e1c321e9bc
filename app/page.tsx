import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current-actor";
import { can } from "@/server/scope";

// The landing after login: administrators go to the dashboard, everyone else to the portal; an
// administrator whom the owner requires to use two-step verification sets it up first.
export default async function Home() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (actor.awaitsTwoFactor) redirect("/portal/security");
  redirect(can(actor, "dashboard.open").allowed ? "/dashboard" : "/portal");
}
