import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { api } from "@/app/_trpc/server";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const { installationName, registrationRequestsEnabled, signedIn } = await api.auth.page();
  if (signedIn) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-center text-sm text-slate-600">
          Training and product material for the devices you use.
        </p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm />
          <p className="mt-4 text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-800 hover:underline">
              Forgot your password?
            </Link>
          </p>
        </div>
        {registrationRequestsEnabled && (
          <p className="mt-4 text-center text-sm text-slate-700">
            New here?{" "}
            <Link href="/request-access" className="font-medium text-brand-800 hover:underline">
              Request access
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
