import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { AccountSettingsForm } from "./account-settings-form";
import { IssueTypesForm } from "./issue-types-form";
import { OpenFacilitiesForm } from "./open-facilities-form";
import { SendTestEmailForm } from "./send-test-email-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { may } = await currentShell();
  if (!may.manageSettings) redirect("/dashboard");
  const queries = serverQueryClient();
  await Promise.all([
    queries.prefetchQuery(prefetch.settings.get.queryOptions()),
    queries.prefetchQuery(prefetch.registration.openFacilities.queryOptions()),
    may.reportIssues ? queries.prefetchQuery(prefetch.support.types.queryOptions()) : null,
  ]);
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="account-heading">
          <h2 id="account-heading" className="text-lg font-medium">
            Account
          </h2>
          <AccountSettingsForm />
        </section>
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="facilities-heading">
          <h2 id="facilities-heading" className="text-lg font-medium">
            Open facilities
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            With registration requests and auto-approve on, people pick one of these facilities on the request form and
            are invited at once into its group.
          </p>
          <OpenFacilitiesForm />
        </section>
        {may.reportIssues && (
          <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="types-heading">
            <h2 id="types-heading" className="text-lg font-medium">
              Issue types
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              What product users can report, and which unit&apos;s staff handle it. A type that issues use is archived
              rather than deleted. Staff are set on each person&apos;s page.
            </p>
            <IssueTypesForm />
          </section>
        )}
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="email-heading">
          <h2 id="email-heading" className="text-lg font-medium">
            Outgoing email
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Send a test email to check that invitations and notices can reach people. It is queued and sent by the
            background worker.
          </p>
          <SendTestEmailForm />
        </section>
      </div>
    </HydrateClient>
  );
}
