import type { Metadata } from "next";
import Link from "next/link";
import { api } from "@/app/_trpc/server";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your new address", robots: { index: false } };

/**
 * Opening the link only shows a button: mail scanners that follow links must not use up the
 * token. Pressing it (a POST, through the server action) makes the new address the login.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ installationName }, usable] = await Promise.all([api.auth.page(), api.auth.emailChangeLink({ token })]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        {usable?.newEmail ? (
          <>
            <h1 className="mt-2 text-xl font-semibold">Confirm your new sign-in address</h1>
            <p className="mt-2 text-sm text-slate-700">
              From now on you will sign in with <strong>{usable.newEmail}</strong>. You will be signed out everywhere
              and sign in again with it.
            </p>
            <ConfirmEmailForm token={token} />
          </>
        ) : (
          <>
            <h1 className="mt-2 text-xl font-semibold">This link no longer works</h1>
            <p className="mt-2 text-sm text-slate-700">
              It has expired, was already used, or a newer link replaced it. Ask your administrator to send the
              confirmation again; until then you keep signing in with your current address.
            </p>
            <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline">
              Go to sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
