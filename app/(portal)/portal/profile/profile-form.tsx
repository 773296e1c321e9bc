"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { PhotoControl } from "@/app/_components/photo-control";
import { useTRPC } from "@/app/_trpc/client";

type Fields = { firstName: string; lastName: string; phone: string; position: string };
const labels: Record<keyof Fields, string> = {
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone (optional)",
  position: "Position (optional)",
};

/** One's own personal data and photo; the server checks every field as for an admin's edit. */
export function ProfileForm({
  userId,
  initial,
  photoUrl,
}: {
  userId: string;
  initial: Fields;
  photoUrl: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.me.updateProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const issues = save.error?.data?.zodIssues?.fieldErrors;
  const name = `${fields.firstName} ${fields.lastName}`.trim();
  return (
    <div className="mt-6 space-y-6 rounded-lg border border-slate-200 bg-white p-5">
      <PhotoControl userId={userId} name={name} photoUrl={photoUrl} mayManage own onChanged={() => router.refresh()} />
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate({
            firstName: fields.firstName,
            lastName: fields.lastName,
            phone: fields.phone,
            position: fields.position,
          });
        }}
      >
        {(Object.keys(labels) as (keyof Fields)[]).map((key) => (
          <div key={key}>
            <label htmlFor={`profile-${key}`} className={labelClass}>
              {labels[key]}
            </label>
            <input
              id={`profile-${key}`}
              value={fields[key]}
              required={key === "firstName" || key === "lastName"}
              maxLength={key === "phone" ? 40 : key === "position" ? 120 : 100}
              autoComplete={
                key === "firstName"
                  ? "given-name"
                  : key === "lastName"
                    ? "family-name"
                    : key === "phone"
                      ? "tel"
                      : "organization-title"
              }
              aria-invalid={issues?.[key] ? true : undefined}
              onChange={(e) => {
                setSaved(false);
                setFields((f) => ({ ...f, [key]: e.target.value }));
              }}
              className={inputClass}
            />
            {issues?.[key]?.[0] && <p className="mt-1 text-sm text-red-700">{issues[key][0]}</p>}
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          {saved && (
            <p role="status" className="text-sm text-green-800">
              Saved.
            </p>
          )}
          {save.error && !issues && (
            <p role="alert" className="text-sm text-red-700">
              {save.error.message}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
