import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { Inbox } from "./inbox";
import { firstInboxQuery } from "./inbox-query";

export const metadata: Metadata = { title: "Support" };

export default async function SupportInboxPage() {
  const { may } = await currentShell();
  if (!may.handleIssues) redirect("/dashboard");
  const queryClient = serverQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(prefetch.support.inboxCounts.queryOptions()),
    queryClient.prefetchQuery(prefetch.support.inbox.queryOptions(firstInboxQuery)),
    queryClient.prefetchQuery(prefetch.support.reportForm.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Support</h1>
      <p className="mt-1 text-sm text-slate-600">
        The issues your units, issue types and accounts reach, and those of the people in your part of the organisation.
      </p>
      <HydrateClient>
        <Inbox />
      </HydrateClient>
    </div>
  );
}
