import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Section } from "@/app/_components/controls";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { currentActor } from "@/server/auth/current-actor";
import { recoveryCodesLeft } from "@/server/auth/two-factor";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { getSettings } from "@/server/settings/get-settings";
import { changeOwnPassword } from "./actions";
import { SessionsPanel } from "./sessions-panel";
import { RenewRecoveryCodes, TwoFactorOff, TwoFactorSetup } from "./two-factor-panel";

export const metadata: Metadata = { title: "Sign-in and security" };

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const query = await searchParams;
  const [me] = await db()
    .select({
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      twoFactorEnabled: users.twoFactorEnabled,
      lastLoginAt: users.lastLoginAt,
      lastLoginIp: users.lastLoginIp,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!me) redirect("/login");
  const limits = await getSettings(db());
  const codesLeft = me.twoFactorEnabled ? await recoveryCodesLeft(db(), actor.userId) : 0;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Sign-in and security</h1>
      {actor.awaitsTwoFactor && (
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
              Sign-in asks for a code from your authenticator app. {codesLeft} of 10 recovery codes left.
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
          A session ends after {limits.sessionIdleMinutes} minutes without use, and {limits.sessionMaxHours} hours after
          signing in.
        </p>
        <SessionsPanel />
      </Section>
      <Section title="Latest sign-in">
        <p className="text-sm text-slate-700">
          {me.lastLoginAt
            ? `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(me.lastLoginAt)} from ${me.lastLoginIp ?? "an unknown address"}.`
            : "This is your first sign-in."}
        </p>
      </Section>
    </div>
  );
}
