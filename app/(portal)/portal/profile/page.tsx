import type { Metadata } from "next";
import { api, currentShell, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
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
    </div>
  );
}
