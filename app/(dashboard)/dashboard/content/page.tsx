import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { ContentList } from "./content-list";

export const metadata: Metadata = { title: "Content" };

export default async function ContentPage() {
  const { may } = await currentShell();
  if (!may.distributeContent) redirect("/dashboard");
  const mayEdit = may.editContent;
  const queries = serverQueryClient();
  await (mayEdit
    ? queries.prefetchQuery(prefetch.content.list.queryOptions({}))
    : queries.prefetchQuery(prefetch.content.reachable.queryOptions()));
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Content</h1>
      <p className="mt-1 text-sm text-slate-600">
        {mayEdit
          ? "Products, trainings and documents: write a draft, have it approved and published, then give it to markets, customers and groups."
          : "What has reached your part of the organisation. Open an item to pass it on to those below you."}
      </p>
      <HydrateClient>
        <ContentList mayEdit={mayEdit} />
      </HydrateClient>
    </div>
  );
}
