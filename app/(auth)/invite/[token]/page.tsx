import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { db } from "@/server/db/client";
import { invitationFor } from "@/server/invitations/accept";
import { getSettings } from "@/server/settings/get-settings";
import { setPassword } from "./actions";

export const metadata: Metadata = { title: "Set your password", robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ installationName }, invited] = await Promise.all([getSettings(db()), invitationFor(db(), token)]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {invited ? (
            <>
              <h1 className="text-xl font-semibold">Welcome{invited.firstName ? `, ${invited.firstName}` : ""}</h1>
              <p className="mt-1 text-sm text-slate-700">
                Choose a password for <strong className="break-all">{invited.email}</strong>. You will use it with this
                address to sign in.
              </p>
              <NewPasswordForm
                action={setPassword.bind(null, token)}
                personal={[invited.email, invited.firstName, invited.lastName]}
                submitLabel="Set password and sign in"
                pendingLabel="Setting your password…"
              />
            </>
          ) : (
            <>
              <h1 className="text-xl font-semibold">This invitation link no longer works</h1>
              <p className="mt-2 text-sm text-slate-700">
                It has expired, it was already used to set a password, or a newer invitation replaced it. Ask the
                administrator who invited you to send a new invitation; the link in the newest email is the one that
                works.
              </p>
              <p className="mt-2 text-sm text-slate-700">If you already set your password, sign in.</p>
              <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline">
                Go to sign in
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
