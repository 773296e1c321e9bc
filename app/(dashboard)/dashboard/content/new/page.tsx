import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentShell } from "@/app/_trpc/server";
import { blankVersion } from "../blank-version";
import { ContentEditor } from "../content-editor";
import { contentKinds, kindLabel } from "../kind-label";

export const metadata: Metadata = { title: "New content" };

export default async function NewContentPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const { may } = await currentShell();
  if (!may.editContent) redirect("/dashboard/content");
  const requested = (await searchParams).kind;
  const kind = contentKinds.find((k) => k === requested) ?? "course";
  return (
    <div className="mx-auto max-w-3xl">
      <Breadcrumb trail={[{ href: "/dashboard/content", label: "Content" }]} current="New" />
      <h1 className="mt-2 text-2xl font-semibold">New {kindLabel[kind].toLowerCase()}</h1>
      <p className="mt-1 text-sm text-slate-600">
        It starts as a draft: nobody sees it until it is approved and published.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <ContentEditor initial={blankVersion(kind)} />
      </div>
    </div>
  );
}
