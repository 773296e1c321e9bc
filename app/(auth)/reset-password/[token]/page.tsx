import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { passwordResetFor } from "@/server/auth/password-reset";
import { db } from "@/server/db/client";
import { getSettings } from "@/server/settings/get-settings";
import { choosePassword } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ installationName }, person] = await Promise.all([getSettings(db()), passwordResetFor(db(), token)]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {person ? (
            <>
              <h1 className="text-xl font-semibold">Choose a new password</h1>
              <p className="mt-1 text-sm text-slate-700">
                For <strong className="break-all">{person.email}</strong>. Setting it signs you out on every other
                device and unlocks the account if it was locked.
              </p>
              <NewPasswordForm
                action={choosePassword.bind(null, token)}
                personal={[person.email, person.firstName, person.lastName]}
                submitLabel="Set new password and sign in"
                pendingLabel="Setting your password…"
              />
            </>
          ) : (
            <>
              <h1 className="text-xl font-semibold">This link no longer works</h1>
              <p className="mt-2 text-sm text-slate-700">
                Reset links work once, for one hour, and only the newest one. Ask for a new link and use it straight
                away.
              </p>
              <Link
                href="/forgot-password"
                className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline"
              >
                Ask for a new link
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
