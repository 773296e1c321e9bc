import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current-actor";
import { db } from "@/server/db/client";
import { getSettings } from "@/server/settings/get-settings";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentActor()) redirect("/");
  const { installationName, registrationRequestsEnabled } = await getSettings(db());
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
