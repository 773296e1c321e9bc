import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentActor } from "@/server/auth/current-actor";
import { can, holdsRoleFor } from "@/server/scope";
import { DistributionPanel } from "../distribution-panel";
import { VersionPanel } from "../version-panel";

export const metadata: Metadata = { title: "Content" };

export default async function ContentItemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor || !can(actor, "content.distribute").allowed) redirect("/dashboard");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const mayEdit = can(actor, "content.manage").allowed;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <Breadcrumb trail={[{ href: "/dashboard/content", label: "Content" }]} current="Item" />
      {mayEdit && <VersionPanel itemId={id} mayApprove={can(actor, "content.approve").allowed} mayPublish={can(actor, "content.publish").allowed} />}
      <DistributionPanel
        itemId={id}
        giveKinds={(["market", "internal", "customer", "group"] as const).filter((kind) =>
          // Whether any of the actor's roles may give to this kind: asked at the grant's own node (the picker lists where).
          actor.grants.some((g) => can(actor, "content.assign", { type: "node", nodeId: g.nodeId, nodePath: g.nodePath, kind }).allowed),
        )}
        mayGiveToPeople={holdsRoleFor(actor, "content.assignUser")}
      />
    </div>
  );
}
