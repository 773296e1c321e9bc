import type { Metadata } from "next";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { TrainingRecord } from "./training-record";

export const metadata: Metadata = { title: "Training record" };

export default async function TrainingRecordPage() {
  const [shell] = await Promise.all([
    currentShell(),
    serverQueryClient().prefetchQuery(prefetch.portal.trainingRecord.queryOptions()),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Training record</h1>
      {/* On paper, whose record it is and where it comes from. */}
      <p className="mt-1 hidden text-sm print:block">
        {shell.name} ({shell.email}) · {shell.installationName}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        The courses required of you and by when, and every training you completed: which version, and when. Your record
        stays when a course moves on to a new version.
      </p>
      <HydrateClient>
        <TrainingRecord />
      </HydrateClient>
    </div>
  );
}
