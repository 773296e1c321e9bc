import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current-actor";
import { db } from "@/server/db/client";
import { getUserRecord } from "@/server/users/get-user";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const me = await getUserRecord(db(), actor.userId);
  if (!me) redirect("/login");
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
    </div>
  );
}
