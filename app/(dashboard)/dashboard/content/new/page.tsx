import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentActor } from "@/server/auth/current-actor";
import { contentKind } from "@/server/db/schema";
import { can } from "@/server/scope";
import { blankVersion } from "../blank-version";
import { ContentEditor } from "../content-editor";
import { kindLabel } from "../kind-label";

export const metadata: Metadata = { title: "New content" };

export default async function NewContentPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const actor = await currentActor();
  if (!actor || !can(actor, "content.manage").allowed) redirect("/dashboard/content");
  const requested = (await searchParams).kind;
  const kind = contentKind.enumValues.find((k) => k === requested) ?? "course";
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
