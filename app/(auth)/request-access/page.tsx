import type { Metadata } from "next";
import Link from "next/link";
import { api } from "@/app/_trpc/server";
import { RequestAccessForm } from "./request-access-form";

export const metadata: Metadata = { title: "Request access" };
export const dynamic = "force-dynamic";

export default async function RequestAccessPage() {
  // In auto-approve mode the person picks their facility from the open ones (when there are some).
  const [{ installationName }, { open: registrationRequestsEnabled, facilities }] = await Promise.all([
    api.auth.page(),
    api.registration.requestForm(),
  ]);
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
