import type { Metadata } from "next";
import { HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { TrainingRecord } from "./training-record";

export const metadata: Metadata = { title: "Training record" };

export default async function TrainingRecordPage() {
  await serverQueryClient().prefetchQuery(prefetch.portal.trainingRecord.queryOptions());
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Training record</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every training you completed: which version, and when. It stays when the training moves on to a new version.
      </p>
      <HydrateClient>
        <TrainingRecord />
      </HydrateClient>
    </div>
  );
}
