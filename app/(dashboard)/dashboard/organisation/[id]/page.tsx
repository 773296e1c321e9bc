import type { Metadata } from "next";
import { NodePage } from "./node-page";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationNodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NodePage nodeId={id} />;
}
