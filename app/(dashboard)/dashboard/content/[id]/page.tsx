import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { api, currentShell, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { AttendancePanel } from "../attendance-panel";
import { DistributionPanel } from "../distribution-panel";
import { FeedbackPanel } from "../feedback-panel";
import { kindLabel } from "../kind-label";
import { VersionPanel } from "../version-panel";

export const metadata: Metadata = { title: "Content" };

export default async function ContentItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { may } = await currentShell();
  if (!may.distributeContent) redirect("/dashboard");
  const { id } = await params;
  if (!isId(id)) notFound();
  const heading = await pageData(() => api.content.heading({ itemId: id }));
  // The panels' first queries, so the item, who has it, how many see it and where it can go are in
  // the first HTML.
  const queryClient = serverQueryClient();
  await Promise.all([
    may.editContent ? queryClient.prefetchQuery(prefetch.content.get.queryOptions({ itemId: id })) : null,
    queryClient.prefetchQuery(prefetch.content.assignments.queryOptions({ itemId: id })),
    queryClient.prefetchQuery(prefetch.content.audience.queryOptions({ itemId: id })),
    heading.kind === "session"
      ? queryClient.prefetchQuery(prefetch.content.sessionRoster.queryOptions({ itemId: id }))
      : null,
    may.readFeedback
      ? queryClient.prefetchQuery(prefetch.feedback.summary.queryOptions({ itemId: id, page: 1 }))
      : null,
    // The "Give it to" picker opens on the first kind the admin may give to.
    may.giveContentTo[0]
      ? queryClient.prefetchQuery(
          prefetch.organisation.nodesInScope.queryOptions({ kind: may.giveContentTo[0], purpose: "distribute" }),
        )
      : null,
  ]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <Breadcrumb trail={[{ href: "/dashboard/content", label: "Content" }]} current={heading.title} />
      {/* Editors see the title in the version panel; everyone else here. */}
      {!may.editContent && (
        <header>
          <p className="text-sm text-slate-600">{kindLabel[heading.kind]}</p>
          <h1 className="text-2xl font-semibold">{heading.title}</h1>
        </header>
      )}
      <HydrateClient>
        {may.editContent && (
          <VersionPanel itemId={id} mayApprove={may.approveContent} mayPublish={may.publishContent} />
        )}
        <DistributionPanel itemId={id} giveKinds={may.giveContentTo} mayGiveToPeople={may.giveContentToPeople} />
        {heading.kind === "session" && <AttendancePanel itemId={id} />}
        {may.readFeedback && <FeedbackPanel itemId={id} mayHandle={may.handleFeedback} />}
      </HydrateClient>
    </div>
  );
}
