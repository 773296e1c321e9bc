import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { auditPage } from "./audit-page";
import { AuditTable } from "./audit-table";
import { AuditTrail } from "./audit-trail";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await serverQueryClient().prefetchInfiniteQuery(
    prefetch.audit.list.infiniteQueryOptions(auditPage.input, auditPage.options),
  );
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every change to the users you administer, and every change you made: who, what, when and from where.
      </p>
      <HydrateClient>
        <AuditTrail />
        <AuditTable />
      </HydrateClient>
    </div>
  );
}
