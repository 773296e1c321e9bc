import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { PermissionGroupsAdmin } from "./permission-groups-admin";

export const metadata: Metadata = { title: "Permission groups" };

export default async function PermissionGroupsPage() {
  const { may, id } = await currentShell();
  if (!may.managePermissionGroups) redirect("/dashboard");
  const queries = serverQueryClient();
  await Promise.all([
    queries.prefetchQuery(prefetch.permissionGroups.list.queryOptions()),
    queries.prefetchQuery(prefetch.permissionGroups.catalogue.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Permission groups</h1>
      <p className="mt-1 text-sm text-slate-600">
        A permission group grants operations on top of a person&apos;s role, within what their role lets them reach.
        Someone in several groups holds all of their permissions. Approving and publishing content are granted here
        only, even to owner admins, and nobody changes their own groups.
      </p>
      <HydrateClient>
        <PermissionGroupsAdmin viewerId={id} />
      </HydrateClient>
    </div>
  );
}
