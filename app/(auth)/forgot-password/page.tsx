import type { Metadata } from "next";
import Link from "next/link";
import { api } from "@/app/_trpc/server";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage() {
  const { installationName } = await api.auth.page();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">Forgot your password?</h1>
        <p className="mt-1 text-center text-sm text-slate-600">
          Enter the address you sign in with and we will email you a link to choose a new one.
        </p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ForgotPasswordForm />
        </div>
        <p className="mt-4 text-center text-sm text-slate-700">
          <Link href="/login" className="font-medium text-brand-800 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
