import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentActor } from "@/server/auth/current-actor";
import { can } from "@/server/scope";
import { RegistrationRequests } from "./registration-requests";

export const metadata: Metadata = { title: "Registration requests" };

export default async function RegistrationRequestsPage() {
  const actor = await currentActor();
  if (!actor || !can(actor, "registration.list").allowed) redirect("/dashboard/users");
  return (
    <div className="mx-auto max-w-6xl">
      <Breadcrumb trail={[{ href: "/dashboard/users", label: "Users" }]} current="Registration requests" />
      <h1 className="mt-1 text-2xl font-semibold">Registration requests</h1>
      <p className="mt-1 text-sm text-slate-600">
        People who asked for an account from the sign-in page. You see the requests for the facilities you administer.
      </p>
      <RegistrationRequests />
    </div>
  );
}
