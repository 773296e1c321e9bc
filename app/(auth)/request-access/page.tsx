import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/server/db/client";
import { pickableFacilities } from "@/server/registration/open-facilities";
import { getSettings } from "@/server/settings/get-settings";
import { RequestAccessForm } from "./request-access-form";

export const metadata: Metadata = { title: "Request access" };
export const dynamic = "force-dynamic";

export default async function RequestAccessPage() {
  const { installationName, registrationRequestsEnabled, autoApproveEnabled } = await getSettings(db());
  // In auto-approve mode the person picks their facility from the open ones (when there are some).
  const facilities = registrationRequestsEnabled && autoApproveEnabled ? await pickableFacilities(db()) : [];
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-lg">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">Request access</h1>
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {registrationRequestsEnabled ? (
            <RequestAccessForm facilities={facilities.length ? facilities : null} />
          ) : (
            <p className="text-sm text-slate-700">
              Registration is closed. Ask the administrator at your hospital or your distributor to create an account
              for you.
            </p>
          )}
        </div>
        <p className="mt-4 text-center text-sm">
          <Link href="/login" className="font-medium text-brand-800 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
