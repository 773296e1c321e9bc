import type { Metadata } from "next";
import { OrganisationTree } from "./organisation-tree";

export const metadata: Metadata = { title: "Organisation" };

export default function OrganisationPage() {
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-semibold">Organisation</h1>
      <p className="mt-1 text-sm text-slate-600">
        The part of the tree you administer, with the users in each part by status. Open a node to see what is below it.
      </p>
      <OrganisationTree />
    </div>
  );
}
