import type { Metadata } from "next";
import { NodePage } from "./node-page";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationNodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Keyed by node: moving to another node starts afresh (no placeholder from the previous one).
  return <NodePage key={id} nodeId={id} />;
}
