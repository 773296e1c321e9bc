import { LocalTime } from "@/app/_components/local-time";
import type { Metadata } from "next";
import { Section } from "@/app/_components/controls";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { api, pageData } from "@/app/_trpc/server";
import { changeOwnPassword } from "./actions";
import { SessionsPanel } from "./sessions-panel";
import { RenewRecoveryCodes, TwoFactorOff, TwoFactorSetup } from "./two-factor-panel";

export const metadata: Metadata = { title: "Sign-in and security" };

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const query = await searchParams;
  const me = await pageData(() => api.me.security());
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Sign-in and security</h1>
      {me.awaitsTwoFactor && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Administrators here must use two-step verification. Set it up below to open the dashboard.
        </p>
      )}
      {query.changed && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Your password is changed. You were signed out everywhere else.
        </p>
      )}
      {query["two-factor"] === "off" && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Two-step verification is off. Sign-in asks only for your password now.
        </p>
      )}
      <Section title="Two-step verification">
        {me.twoFactorEnabled ? (
          <>
            <p className="text-sm text-slate-700">
              <span className="mr-2 inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-600/30 ring-inset">
                On
              </span>
              Sign-in asks for a code from your authenticator app. {me.recoveryCodesLeft} of 10 recovery codes left.
            </p>
            <RenewRecoveryCodes />
            <TwoFactorOff />
          </>
        ) : (
          <TwoFactorSetup />
        )}
      </Section>
      <Section title="Password">
        <p className="text-sm text-slate-700">Changing it signs you out on every other device.</p>
        <NewPasswordForm
          action={changeOwnPassword}
          personal={[me.email, me.firstName, me.lastName]}
          askCurrentPassword
          submitLabel="Change password"
          pendingLabel="Changing…"
        />
      </Section>
      <Section title="Where you are signed in">
        <p className="mb-1 text-sm text-slate-700">
          A session ends after {me.sessionIdleMinutes} minutes without use, and {me.sessionMaxHours} hours after signing
          in.
        </p>
        <SessionsPanel />
      </Section>
      <Section title="Latest sign-in">
        <p className="text-sm text-slate-700">
          {me.lastLoginAt ? (
            <>
              <LocalTime value={me.lastLoginAt} /> from {me.lastLoginIp ?? "an unknown address"}.
            </>
          ) : (
            "This is your first sign-in."
          )}
        </p>
      </Section>
    </div>
  );
}
