import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentShell } from "@/app/_trpc/server";
import { ImportOrganisation } from "./import-organisation";

export const metadata: Metadata = { title: "Import the organisation" };

export default async function ImportOrganisationPage() {
  const { may } = await currentShell();
  if (!may.importOrganisation) redirect("/dashboard/organisation");
  return (
    <div className="mx-auto max-w-4xl">
      <Breadcrumb
        trail={[{ href: "/dashboard/organisation", label: "Organisation" }]}
        current="Import from a CSV file"
      />
      <h1 className="mt-2 text-2xl font-semibold">Import the organisation from a CSV file</h1>
      <p className="mt-1 text-sm text-slate-600">
        Markets, customers with their fields, internal organisations and user groups, each placed under its parent.
        Check the file first: nothing is created until every line is sound. Importing the same file again creates
        nothing twice; it updates what changed.
      </p>
      <ImportOrganisation />
    </div>
  );
}
