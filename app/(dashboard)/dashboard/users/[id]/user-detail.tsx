"use client";

import { PersonalDataDownload } from "@/app/_components/personal-data-download";
import { LocalTime } from "@/app/_components/local-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  buttonClass,
  ConfirmPanel,
  ErrorNotice,
  Facts,
  inputClass,
  primaryButtonClass,
  Section,
  TypedDeleteConfirmation,
} from "@/app/_components/controls";
import { StatusLabel } from "@/app/_components/status-label";
import { UserPicker } from "@/app/_components/user-picker";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabel } from "@/server/scope/roles";
import { EmailChange } from "./email-change";
import { InvitationPanel } from "./invitation-panel";
import { PhotoControl } from "@/app/_components/photo-control";
import { PlacementsPanel } from "./placements-panel";
import { StaffPanel } from "./staff-panel";
import { TrainingPanel } from "./training-panel";

export function UserDetail({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const user = useQuery(trpc.users.byId.queryOptions({ userId }, { retry: false }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const suspend = useMutation(trpc.users.setSuspended.mutationOptions({ onSuccess: refresh }));
  const unlock = useMutation(trpc.users.unlock.mutationOptions({ onSuccess: refresh }));
  const endSessions = useMutation(trpc.users.endSessions.mutationOptions({ onSuccess: refresh }));
  const resetTwoFactor = useMutation(
    trpc.users.resetTwoFactor.mutationOptions({
      onSuccess: () => {
        void refresh();
        setConfirmTwoFactor(false);
      },
    }),
  );
  const [confirmTwoFactor, setConfirmTwoFactor] = useState(false);
  const remove = useMutation(
    trpc.users.delete.mutationOptions({
      onSuccess: () => {
        void refresh();
        router.push("/dashboard/users");
      },
    }),
  );
  const update = useMutation(
    trpc.users.updatePersonalData.mutationOptions({
      onSuccess: () => {
        void refresh();
        setEditing(false);
      },
    }),
  );
  const [confirmSuspend, setConfirmSuspend] = useState(false);
  const [deleteText, setDeleteText] = useState("");
  const [editing, setEditing] = useState(false);
  const [manager, setManager] = useState<{ id: string | null; name: string | null }>({ id: null, name: null });

  if (user.isPending) return <p className="text-slate-600">Loading the user…</p>;
  if (user.isError) {
    return (
      <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">User not found</h1>
        <p className="mt-1 text-sm text-slate-600">
          This user does not exist, or is outside the part of the organisation you administer.
        </p>
        <Link href="/dashboard/users" className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline">
          Back to users
        </Link>
      </div>
    );
  }
  const u = user.data;
  const name = `${u.firstName} ${u.lastName}`.trim() || u.email;
  const suspended = u.suspendedAt !== null;
  const locked = u.lockedUntil !== null && u.lockedUntil > new Date();
  const actionError = suspend.error ?? unlock.error ?? remove.error ?? endSessions.error ?? resetTwoFactor.error;

  return (
    <div className="mx-auto max-w-5xl space-y-5">
      <Breadcrumb trail={[{ href: "/dashboard/users", label: "Users" }]} current={name} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-wrap items-center gap-4">
          <PhotoControl userId={userId} name={name} photoUrl={u.photoUrl} mayManage={u.may.account} />
          <div>
            <h1 className="text-2xl font-semibold">{name}</h1>
            <p className="text-slate-600">{u.email}</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <StatusLabel status={u.status} suspended={suspended} locked={locked} delivery={u.invitationDelivery} />
              <span className="text-sm text-slate-700">{roleLabel[u.primaryRole]}</span>
            </div>
          </div>
        </div>
        {(u.may.membership || u.may.account) && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/dashboard/users/${userId}/preview`} className={buttonClass}>
              Preview their portal
            </Link>
            {u.may.account && locked && (
              <button
                type="button"
                className={buttonClass}
                disabled={unlock.isPending}
                onClick={() => unlock.mutate({ userId })}
              >
                {unlock.isPending ? "Unlocking…" : "Unlock"}
              </button>
            )}
            {!u.may.account ? null : suspended ? (
              <button
                type="button"
                className={buttonClass}
                disabled={suspend.isPending}
                onClick={() => suspend.mutate({ userId, suspended: false })}
              >
                {suspend.isPending ? "Reactivating…" : "Reactivate"}
              </button>
            ) : (
              <button type="button" className={buttonClass} onClick={() => setConfirmSuspend(true)}>
                Suspend
              </button>
            )}
          </div>
        )}
      </header>

      {u.accountRefusal && (
        <div
          role="note"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="account-refusal"
        >
          <p className="font-medium">You can manage their place in your groups, but not their account.</p>
          <p className="mt-1">
            {u.accountRefusal} Changing their email, sending a password or invitation link, suspending, unlocking,
            deleting, editing personal data or photo, turning off their two-step verification and ending their sessions
            are not offered.
          </p>
        </div>
      )}

      {locked && (
        <p
          role="status"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
          data-testid="lock-details"
        >
          {u.lock ? (
            <>
              Locked on <LocalTime value={u.lock.lockedAt} /> after {u.lock.failures} failed sign-ins
              {u.lock.ip ? `, the last from ${u.lock.ip}` : ""}.
            </>
          ) : (
            "Locked after failed sign-ins."
          )}{" "}
          It unlocks by itself at <LocalTime value={u.lockedUntil} />; resetting the password also unlocks it.
        </p>
      )}

      {confirmTwoFactor && (
        <ConfirmPanel
          id="reset-two-factor"
          question={`Turn off two-step verification for ${name}?`}
          confirmLabel={resetTwoFactor.isPending ? "Turning off…" : "Turn off"}
          onConfirm={() => resetTwoFactor.mutate({ userId })}
          onCancel={() => setConfirmTwoFactor(false)}
        >
          For someone who lost their phone and their recovery codes. They are signed out everywhere and emailed; their
          next sign-in asks only for the password, and they can set it up again under Security.
        </ConfirmPanel>
      )}
      {confirmSuspend && (
        <ConfirmPanel
          id="suspend"
          question={`Suspend ${name}?`}
          confirmLabel="Suspend"
          onConfirm={() => {
            suspend.mutate({ userId, suspended: true });
            setConfirmSuspend(false);
          }}
          onCancel={() => setConfirmSuspend(false)}
        >
          They lose access at their next click. Their history is kept, and they stop counting towards the seat limit.
          You can reactivate them whenever you like.
        </ConfirmPanel>
      )}
      <ErrorNotice error={actionError} />

      <div className="grid gap-5 lg:grid-cols-2">
        <Section title="Why you can see this user">
          <p className="text-sm" data-testid="why">
            You are <strong>{roleLabel[u.why.role]}</strong> at <strong>{u.why.at.join(" › ")}</strong>
            {u.why.placement ? (
              <>
                , and {u.firstName || "this user"}{" "}
                {u.why.placement.via === "membership" ? "is a member of" : "holds a role at"}{" "}
                <strong>{u.why.placement.path.join(" › ")}</strong>.
              </>
            ) : (
              ", which covers everyone."
            )}
          </p>
        </Section>
        <Section title="Account">
          <Facts
            rows={[
              [
                "Email (login)",
                <EmailChange
                  key="email"
                  userId={userId}
                  email={u.email}
                  pendingEmail={u.pendingEmail}
                  mayManage={u.may.account}
                />,
              ],
              [
                "Last login",
                u.lastLoginAt ? (
                  <>
                    <LocalTime value={u.lastLoginAt} /> from {u.lastLoginIp ?? "unknown address"}
                  </>
                ) : (
                  "Never"
                ),
              ],
              ["Failed login attempts", String(u.failedLoginAttempts)],
              ["Locked until", locked ? <LocalTime value={u.lockedUntil} /> : "Not locked"],
              ["Two-factor authentication", u.twoFactorEnabled ? "On" : "Off"],
              ["Created", <LocalTime key="created" value={u.createdAt} />],
              ["Invited", <LocalTime key="invited" value={u.invitedAt} />],
              ["Activated", <LocalTime key="activated" value={u.activatedAt} />],
            ]}
          />
          {u.may.account && (
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <button
                type="button"
                className={buttonClass}
                disabled={endSessions.isPending}
                onClick={() => endSessions.mutate({ userId })}
              >
                {endSessions.isPending ? "Signing out…" : "Sign out of every device"}
              </button>
              {u.twoFactorEnabled && (
                <button type="button" className={buttonClass} onClick={() => setConfirmTwoFactor(true)}>
                  Turn off two-step verification
                </button>
              )}
              {endSessions.data && (
                <p role="status" className="text-sm text-green-800">
                  {endSessions.data.ended === 0
                    ? "They were not signed in anywhere."
                    : `Signed out of ${endSessions.data.ended === 1 ? "1 session" : `${endSessions.data.ended} sessions`}.`}
                </p>
              )}
            </div>
          )}
        </Section>
        <Section title="Personal data">
          {editing ? (
            <form
              className="space-y-3"
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                update.mutate({
                  userId,
                  firstName: String(form.get("firstName")),
                  lastName: String(form.get("lastName")),
                  phone: String(form.get("phone")),
                  position: String(form.get("position")),
                  managerId: manager.id,
                });
              }}
            >
              {(
                [
                  ["firstName", "First name", u.firstName, true],
                  ["lastName", "Last name", u.lastName, true],
                  ["phone", "Phone", u.phone ?? "", false],
                  ["position", "Position", u.position ?? "", false],
                ] as const
              ).map(([field, label, value, required]) => (
                <div key={field}>
                  <label htmlFor={`pd-${field}`} className="block text-sm font-medium text-slate-800">
                    {label}
                  </label>
                  <input
                    id={`pd-${field}`}
                    name={field}
                    defaultValue={value}
                    required={required}
                    maxLength={120}
                    className={inputClass}
                  />
                  {update.error?.data?.zodIssues?.fieldErrors[field]?.[0] && (
                    <p className="mt-1 text-sm text-red-700">{update.error.data.zodIssues.fieldErrors[field][0]}</p>
                  )}
                </div>
              ))}
              <UserPicker
                legend="Manager"
                value={manager.id}
                valueName={manager.name}
                exclude={userId}
                onChange={(id, managerName) => setManager({ id, name: managerName })}
              />
              <div className="flex gap-2">
                <button type="submit" disabled={update.isPending} className={primaryButtonClass}>
                  {update.isPending ? "Saving…" : "Save"}
                </button>
                <button type="button" className={buttonClass} onClick={() => setEditing(false)}>
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <>
              <Facts
                rows={[
                  ["First name", u.firstName || "—"],
                  ["Last name", u.lastName || "—"],
                  ["Phone", u.phone ?? "—"],
                  ["Position", u.position ?? "—"],
                  ["Manager", u.managerName ?? "—"],
                ]}
              />
              {u.may.account && (
                <button
                  type="button"
                  className={`${buttonClass} mt-3`}
                  onClick={() => {
                    setManager({ id: u.managerId, name: u.managerName });
                    setEditing(true);
                  }}
                >
                  Edit personal data
                </button>
              )}
            </>
          )}
        </Section>
        <PlacementsPanel user={{ ...u, userId }} />
        {u.may.supportStaff && <StaffPanel userId={userId} firstName={u.firstName} />}
        <TrainingPanel userId={userId} name={`${u.firstName} ${u.lastName}`} />
        {u.may.exportData && (
          <Section title="Their data">
            <p className="mb-3 text-sm text-slate-700">
              Everything held about {u.firstName}, as one JSON file, for a request they made to you (GDPR Articles 15
              and 20). The download is recorded in the audit log.
            </p>
            <PersonalDataDownload userId={userId} />
          </Section>
        )}
        {u.may.account && <InvitationPanel userId={userId} status={u.status} suspended={suspended} />}
      </div>

      {u.may.account && (
        <TypedDeleteConfirmation
          idPrefix="delete"
          title="Delete this user"
          hint={
            <>
              Deleting is permanent and erases their personal data: the account, memberships, roles, training record and
              the emails sent to them are removed and cannot be restored. The audit log keeps what was done, under a
              pseudonym instead of their name and address; signatures they gave on content keep their name, as quality
              records must. To keep their history, <strong>suspend</strong> the user instead.
            </>
          }
          expected={u.email}
          normalise={(typed) => typed.trim().toLowerCase()}
          pending={remove.isPending}
          value={deleteText}
          onChange={setDeleteText}
          onConfirm={(typed) => remove.mutate({ userId, confirmEmail: typed })}
        />
      )}
    </div>
  );
}
