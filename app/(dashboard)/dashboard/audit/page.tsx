import type { Metadata } from "next";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { auditPage } from "./audit-page";
import { AuditTable } from "./audit-table";
import { AuditTrail } from "./audit-trail";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const [shell] = await Promise.all([
    currentShell(),
    serverQueryClient().prefetchInfiniteQuery(
      prefetch.audit.list.infiniteQueryOptions(auditPage.input, auditPage.options),
    ),
    serverQueryClient().prefetchQuery(prefetch.audit.lastVerification.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every change to the users you administer, and every change you made: who, what, when and from where.
      </p>
      <HydrateClient>
        <AuditTrail mayVerify={shell.may.verifyAudit} />
        <AuditTable />
      </HydrateClient>
    </div>
  );
}
