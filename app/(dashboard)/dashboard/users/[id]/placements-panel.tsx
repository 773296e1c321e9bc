"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabel, type AdminRole } from "@/server/scope/roles";
import { RoleChooser } from "../role-chooser";

interface Placements {
  userId: string;
  firstName: string;
  groups: { nodeId: string; path: string[] }[];
  roles: { id: string; role: AdminRole | "product_user"; nodeId: string; path: string[] }[];
  permissionGroups: { id: string; name: string }[];
  placementsOutsideScope: number;
  may: { membership: boolean; grantRoles: AdminRole[]; assignPermissionGroups: boolean };
}

const removeClass = "rounded px-2 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-50";

/** The user's groups, roles and permission groups, with the changes the admin's reach allows. */
export function PlacementsPanel({ user }: { user: Placements }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const addToGroup = useMutation(
    trpc.users.addToGroup.mutationOptions({
      onSuccess: () => {
        void refresh();
        setAdding(false);
        setGroupId("");
      },
    }),
  );
  const removeFromGroup = useMutation(trpc.users.removeFromGroup.mutationOptions({ onSuccess: refresh }));
  const grantRole = useMutation(
    trpc.users.grantRole.mutationOptions({
      onSuccess: () => {
        void refresh();
        setGranting(false);
        setRoleNodeId("");
      },
    }),
  );
  const revokeRole = useMutation(trpc.users.revokeRole.mutationOptions({ onSuccess: refresh }));
  const setPermissionGroup = useMutation(trpc.users.setPermissionGroupMember.mutationOptions({ onSuccess: refresh }));
  const catalogue = useQuery(
    trpc.permissionGroups.catalogue.queryOptions(undefined, { enabled: user.may.assignPermissionGroups }),
  );
  const permissionLabel = new Map(catalogue.data?.map((entry) => [entry.key, entry.label]));
  const permissionGroups = useQuery(
    trpc.users.permissionGroups.queryOptions(undefined, { enabled: user.may.assignPermissionGroups }),
  );
  const [adding, setAdding] = useState(false);
  const [groupId, setGroupId] = useState("");
  const [granting, setGranting] = useState(false);
  const [role, setRole] = useState<AdminRole>(user.may.grantRoles[0] ?? "group_admin");
  const [roleNodeId, setRoleNodeId] = useState("");
  const error =
    addToGroup.error ?? removeFromGroup.error ?? grantRole.error ?? revokeRole.error ?? setPermissionGroup.error;
  const canGrant = user.may.membership && user.may.grantRoles.length > 0;

  return (
    <Section title="Groups and roles">
      <ErrorNotice error={error} />
      <h3 className="mt-2 text-sm font-medium text-slate-700">User groups</h3>
      {user.groups.length === 0 ? (
        <p className="text-sm text-slate-600">Not in a group.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100 text-sm">
          {user.groups.map((g) => (
            <li key={g.nodeId} className="flex items-center justify-between gap-2 py-1">
              <span>{g.path.join(" › ")}</span>
              {user.may.membership && (
                <button
                  type="button"
                  className={removeClass}
                  disabled={removeFromGroup.isPending}
                  onClick={() => removeFromGroup.mutate({ userId: user.userId, groupId: g.nodeId })}
                  aria-label={`Remove from ${g.path.at(-1)}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {user.placementsOutsideScope > 0 && (
        <p className="mt-1 text-sm text-slate-600" data-testid="placements-outside-scope">
          Also in{" "}
          {user.placementsOutsideScope === 1 ? "one group or role" : `${user.placementsOutsideScope} groups or roles`}{" "}
          outside your scope, not shown here.
        </p>
      )}
      {user.may.membership &&
        (adding ? (
          <form
            className="mt-3 space-y-3 rounded-md border border-slate-200 p-3"
            onSubmit={(event) => {
              event.preventDefault();
              addToGroup.mutate({ userId: user.userId, groupId });
            }}
          >
            <NodePicker
              kind="group"
              legend="Add to a user group"
              value={groupId}
              onChange={setGroupId}
              exclude={user.groups.map((g) => g.nodeId)}
            />
            <div className="flex gap-2">
              <button type="submit" className={primaryButtonClass} disabled={!groupId || addToGroup.isPending}>
                {addToGroup.isPending ? "Adding…" : "Add to group"}
              </button>
              <button type="button" className={buttonClass} onClick={() => setAdding(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={`${buttonClass} mt-2`} onClick={() => setAdding(true)}>
            Add to a group
          </button>
        ))}

      <h3 className="mt-5 text-sm font-medium text-slate-700">Roles</h3>
      {user.roles.length === 0 ? (
        <p className="text-sm text-slate-600">
          {user.placementsOutsideScope > 0 ? "No admin role in your scope." : "Product user (no admin role)."}
        </p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100 text-sm">
          {user.roles.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2 py-1">
              <span>
                {roleLabel[r.role]} at {r.path.join(" › ")}
              </span>
              {canGrant && r.role !== "product_user" && user.may.grantRoles.includes(r.role) && (
                <button
                  type="button"
                  className={removeClass}
                  disabled={revokeRole.isPending}
                  onClick={() => revokeRole.mutate({ assignmentId: r.id })}
                  aria-label={`Revoke ${roleLabel[r.role]} at ${r.path.at(-1)}`}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canGrant &&
        (granting ? (
          <form
            className="mt-3 space-y-3 rounded-md border border-slate-200 p-3"
            onSubmit={(event) => {
              event.preventDefault();
              grantRole.mutate({ userId: user.userId, role, nodeId: roleNodeId });
            }}
          >
            <RoleChooser
              id="grant-role"
              roles={user.may.grantRoles}
              role={role}
              onRole={(chosen) => setRole(chosen ?? user.may.grantRoles[0] ?? "group_admin")}
              nodeId={roleNodeId}
              onNode={setRoleNodeId}
            />
            <div className="flex gap-2">
              <button type="submit" className={primaryButtonClass} disabled={!roleNodeId || grantRole.isPending}>
                {grantRole.isPending ? "Granting…" : "Grant role"}
              </button>
              <button type="button" className={buttonClass} onClick={() => setGranting(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={`${buttonClass} mt-2`} onClick={() => setGranting(true)}>
            Grant a role
          </button>
        ))}

      <h3 className="mt-5 text-sm font-medium text-slate-700">Permission groups</h3>
      {user.may.assignPermissionGroups && permissionGroups.data ? (
        <fieldset className="mt-1 space-y-1">
          <legend className="sr-only">Permission groups of {user.firstName}</legend>
          {permissionGroups.data.length === 0 && (
            <p className="text-sm text-slate-600">
              No permission groups are defined yet: create them under{" "}
              <Link href="/dashboard/permission-groups" className="font-medium text-brand-800 underline">
                Permission groups
              </Link>
              .
            </p>
          )}
          {permissionGroups.data.map((pg) => {
            const member = user.permissionGroups.some((m) => m.id === pg.id);
            return (
              <label key={pg.id} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={member}
                  disabled={setPermissionGroup.isPending}
                  onChange={() =>
                    setPermissionGroup.mutate({ userId: user.userId, permissionGroupId: pg.id, member: !member })
                  }
                />
                <span>
                  <span className="font-medium">{pg.name}</span>
                  <span className="block text-slate-600">
                    {pg.permissions.map((p) => permissionLabel.get(p) ?? p).join(", ")}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
      ) : user.permissionGroups.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {user.permissionGroups.map((p) => (
            <li key={p.id}>{p.name}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
