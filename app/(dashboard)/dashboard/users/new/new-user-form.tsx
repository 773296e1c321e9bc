"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import type { AdminRole } from "@/server/scope/roles";
import { RoleChooser } from "../role-chooser";

/** Add a user: their details, at least one group, and an admin role where the admin may grant one. */
export function NewUserForm({ grantRoles }: { grantRoles: AdminRole[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [missingGroup, setMissingGroup] = useState(false);
  const [role, setRole] = useState<AdminRole | null>(null);
  const [roleNodeId, setRoleNodeId] = useState("");
  const [missingRoleNode, setMissingRoleNode] = useState(false);
  const create = useMutation(
    trpc.users.create.mutationOptions({ onSuccess: ({ userId }) => router.push(`/dashboard/users/${userId}`) }),
  );
  const fieldError = (field: string) => create.error?.data?.zodIssues?.fieldErrors[field]?.[0];

  const field = (
    name: "email" | "firstName" | "lastName" | "phone" | "position",
    label: string,
    type = "text",
    required = false,
  ) => (
    <div>
      <label htmlFor={`new-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
        {!required && <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <input
        id={`new-${name}`}
        name={name}
        type={type}
        required={required}
        maxLength={name === "email" ? 320 : 120}
        aria-invalid={fieldError(name) ? true : undefined}
        className={inputClass}
      />
      {fieldError(name) && <p className="mt-1 text-sm text-red-700">{fieldError(name)}</p>}
    </div>
  );

  return (
    <form
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        // Said in words, not left to the browser's bubble: a person must join at least one group.
        if (groups.length === 0) setMissingGroup(true);
        if (role && !roleNodeId) setMissingRoleNode(true);
        if (groups.length === 0 || (role && !roleNodeId)) return;
        const form = new FormData(event.currentTarget);
        create.mutate({
          email: String(form.get("email")),
          firstName: String(form.get("firstName")),
          lastName: String(form.get("lastName")),
          phone: String(form.get("phone")),
          position: String(form.get("position")),
          groupIds: groups.map((group) => group.id),
          roles: role ? [{ role, nodeId: roleNodeId }] : [],
          inviteNow: form.get("inviteNow") === "on",
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
      <div>
        <NodePicker
          kind="group"
          legend="User groups (at least one)"
          values={groups.map((group) => group.id)}
          onToggle={(id, name) => {
            setMissingGroup(false);
            setGroups((chosen) =>
              chosen.some((group) => group.id === id)
                ? chosen.filter((group) => group.id !== id)
                : [...chosen, { id, name }],
            );
          }}
          error={missingGroup ? "Choose at least one user group for the new user." : fieldError("groupIds")}
        />
        <p className="mt-1 text-sm text-slate-600" aria-live="polite" data-testid="chosen-groups">
          {groups.length === 0 ? "No group chosen yet." : `Joins ${groups.map((group) => group.name).join(", ")}.`}
        </p>
      </div>
      {grantRoles.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">
            Admin role <span className="font-normal text-slate-500">(optional)</span>
          </legend>
          <p className="text-sm text-slate-600">
            Without one they are a product user. You can grant or revoke roles later on their page.
          </p>
          <RoleChooser
            id="new-role"
            roles={grantRoles}
            role={role}
            onRole={(chosen) => {
              setRole(chosen);
              setMissingRoleNode(false);
            }}
            nodeId={roleNodeId}
            onNode={(id) => {
              setRoleNodeId(id);
              if (id) setMissingRoleNode(false);
            }}
            noneLabel="No admin role (product user)"
          />
          {missingRoleNode && (
            <p role="alert" className="text-sm text-red-700">
              Choose where the role is held, or choose “No admin role”.
            </p>
          )}
        </fieldset>
      )}
      <div className="flex items-start gap-2">
        <input
          id="new-invite-now"
          name="inviteNow"
          type="checkbox"
          defaultChecked
          className="mt-1"
          aria-describedby="new-invite-now-hint"
        />
        <div>
          <label htmlFor="new-invite-now" className="text-sm font-medium text-slate-800">
            Send the invitation now
          </label>
          <p id="new-invite-now-hint" className="text-sm text-slate-600">
            After saving, they receive an email with a link to set their password. Unticked, they stay Not invited until
            you invite them from their page.
          </p>
        </div>
      </div>
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {create.isPending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
