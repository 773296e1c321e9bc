import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { RegistrationRequests } from "./registration-requests";

export const metadata: Metadata = { title: "Registration requests" };

export default async function RegistrationRequestsPage() {
  const { may } = await currentShell();
  if (!may.reviewRegistrations) redirect("/dashboard/users");
  const queries = serverQueryClient();
  await Promise.all([
    queries.prefetchQuery(prefetch.registration.counts.queryOptions()),
    queries.prefetchQuery(prefetch.registration.list.queryOptions({ status: "pending", page: 0 })),
  ]);
  return (
    <div className="mx-auto max-w-6xl">
      <Breadcrumb trail={[{ href: "/dashboard/users", label: "Users" }]} current="Registration requests" />
      <h1 className="mt-1 text-2xl font-semibold">Registration requests</h1>
      <p className="mt-1 text-sm text-slate-600">
        People who asked for an account from the sign-in page. You see the requests for the facilities you administer.
      </p>
      <HydrateClient>
        <RegistrationRequests />
      </HydrateClient>
    </div>
  );
}
