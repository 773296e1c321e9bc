import type { Metadata } from "next";
import { api, currentShell, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { PersonalDataDownload } from "@/app/_components/personal-data-download";
import { EmailPreferences } from "./email-preferences";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const [me, { may }] = await Promise.all([pageData(() => api.me.profile()), currentShell()]);
  if (may.useBoards) await serverQueryClient().prefetchQuery(prefetch.me.emailPreferences.queryOptions());
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Profile</h1>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as <strong className="break-all">{me.email}</strong>. Your administrator changes the address you sign
        in with; your password and two-step verification are under Security.
      </p>
      <ProfileForm
        userId={me.id}
        initial={{ firstName: me.firstName, lastName: me.lastName, phone: me.phone ?? "", position: me.position ?? "" }}
        photoUrl={me.photoUrl}
      />
      {may.useBoards && (
        <HydrateClient>
          <EmailPreferences />
        </HydrateClient>
      )}
      <section aria-labelledby="your-data" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="your-data" className="text-base font-semibold">
          Your data
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-700">
          Everything this academy holds about you (your profile, groups, training, feedback, issues you reported,
          sign-ins), as one file you can keep or take elsewhere.
        </p>
        <PersonalDataDownload />
      </section>
    </div>
  );
}
