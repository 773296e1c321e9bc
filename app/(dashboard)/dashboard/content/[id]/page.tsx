import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentActor } from "@/server/auth/current-actor";
import { reachableContent } from "@/server/content/assignments";
import { db } from "@/server/db/client";
import { can, holdsRoleFor, visibleNodesFilter } from "@/server/scope";
import { DistributionPanel } from "../distribution-panel";
import { kindLabel } from "../kind-label";
import { VersionPanel } from "../version-panel";

export const metadata: Metadata = { title: "Content" };

export default async function ContentItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor || !can(actor, "content.distribute").allowed) redirect("/dashboard");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const mayEdit = can(actor, "content.manage").allowed;
  // Editors see the title in the version panel; everyone else gets it here, from what reached them.
  const reached = mayEdit
    ? null
    : (await reachableContent(db(), visibleNodesFilter(actor, "customer_admin"))).find((item) => item.id === id);
  if (!mayEdit && !reached) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <Breadcrumb trail={[{ href: "/dashboard/content", label: "Content" }]} current={reached?.title ?? "Item"} />
      {reached && (
        <header>
          <p className="text-sm text-slate-600">{kindLabel[reached.kind]}</p>
          <h1 className="text-2xl font-semibold">{reached.title}</h1>
        </header>
      )}
      {mayEdit && (
        <VersionPanel
          itemId={id}
          mayApprove={can(actor, "content.approve").allowed}
          mayPublish={can(actor, "content.publish").allowed}
        />
      )}
      <DistributionPanel
        itemId={id}
        giveKinds={(["market", "internal", "customer", "group"] as const).filter((kind) =>
          // Whether any of the actor's roles may give to this kind: asked at the grant's own node (the picker lists where).
          actor.grants.some(
            (g) => can(actor, "content.assign", { type: "node", nodeId: g.nodeId, nodePath: g.nodePath, kind }).allowed,
          ),
        )}
        mayGiveToPeople={holdsRoleFor(actor, "content.assignUser")}
      />
    </div>
  );
}
