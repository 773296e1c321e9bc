"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm";

export function NewUserForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [groupSearch, setGroupSearch] = useState("");
  const [groupId, setGroupId] = useState("");
  const groups = useQuery(trpc.organisation.groups.queryOptions({ search: useDeferredValue(groupSearch) || undefined }));
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: ({ userId }) => router.push(`/dashboard/users/${userId}`) }));
  const fieldError = (field: string) => create.error?.data?.zodIssues?.fieldErrors[field]?.[0];

  const field = (name: "email" | "firstName" | "lastName" | "phone" | "position", label: string, type = "text", required = false) => (
    <div>
      <label htmlFor={`new-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
        {!required && <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <input id={`new-${name}`} name={name} type={type} required={required} maxLength={name === "email" ? 320 : 120} aria-invalid={fieldError(name) ? true : undefined} className={inputClass} />
      {fieldError(name) && <p className="mt-1 text-sm text-red-700">{fieldError(name)}</p>}
    </div>
  );

  return (
    <form
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        create.mutate({
          email: String(form.get("email")),
          firstName: String(form.get("firstName")),
          lastName: String(form.get("lastName")),
          phone: String(form.get("phone")),
          position: String(form.get("position")),
          groupId,
        });
      }}
    >
      {create.error && !create.error.data?.zodIssues && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {create.error.message}
        </p>
      )}
      {field("email", "Email", "email", true)}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("firstName", "First name", "text", true)}
        {field("lastName", "Last name", "text", true)}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("phone", "Phone", "tel")}
        {field("position", "Position")}
      </div>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-800">User group</legend>
        <label htmlFor="group-search" className="sr-only">Find a group</label>
        <input id="group-search" type="search" placeholder="Find a group by name" value={groupSearch} onChange={(e) => setGroupSearch(e.target.value)} className={inputClass} />
        <div className="mt-2 max-h-56 overflow-y-auto rounded-md border border-slate-200">
          {groups.isPending && <p className="px-3 py-2 text-sm text-slate-600">Loading groups…</p>}
          {groups.data?.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">No group matches. Groups are created under a customer or market.</p>}
          {groups.data?.map((group) => (
            <label key={group.id} className="flex cursor-pointer items-start gap-2 px-3 py-2 text-sm hover:bg-slate-50">
              <input type="radio" name="groupId" value={group.id} checked={groupId === group.id} onChange={() => setGroupId(group.id)} required className="mt-0.5" />
              <span>
                <span className="font-medium">{group.name}</span>
                <span className="block text-slate-600">{group.path.slice(0, -1).join(" › ")}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldError("groupId") && <p className="mt-1 text-sm text-red-700">{fieldError("groupId")}</p>}
      </fieldset>
      <button type="submit" disabled={create.isPending} className="rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {create.isPending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
