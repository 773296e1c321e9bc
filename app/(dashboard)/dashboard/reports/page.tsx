import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { ProgressReport } from "./progress-report";
import { TrainingStatusReport } from "./training-status-report";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const { may } = await currentShell();
  if (!may.readReports) redirect("/dashboard");
  await Promise.all([
    serverQueryClient().prefetchQuery(prefetch.reports.courses.queryOptions()),
    serverQueryClient().prefetchQuery(prefetch.reports.progressItems.queryOptions()),
    serverQueryClient().prefetchQuery(prefetch.reports.trainingStatus.queryOptions({})),
  ]);
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Training progress</h1>
      <p className="mt-1 text-sm text-slate-600">
        For each course: who has it in your groups, who started, who completed, and how far they are on average; for
        each teacher-led session, who was invited and who attended.
      </p>
      <HydrateClient>
        <ProgressReport />
        <TrainingStatusReport />
      </HydrateClient>
    </div>
  );
}
