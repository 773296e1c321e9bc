"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import {
  buttonClass,
  dangerButtonClass,
  ErrorNotice,
  inputClass,
  labelClass,
  primaryButtonClass,
  Section,
} from "@/app/_components/controls";
import { ModalDialog } from "@/app/_components/modal-dialog";
import { UserPicker } from "@/app/_components/user-picker";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";

type Catalogue = RouterOutputs["permissionGroups"]["catalogue"];
type PermissionKey = Catalogue[number]["key"];

/** Every permission group, a new one, and per group: its permissions, its members, deletion. */
export function PermissionGroupsAdmin({ viewerId }: { viewerId: string }) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.permissionGroups.list.queryOptions());
  const catalogue = useQuery(trpc.permissionGroups.catalogue.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  const labels = new Map(catalogue.data?.map((entry) => [entry.key, entry.label]));

  return (
    <div className="mt-6 space-y-6">
      {catalogue.data && <GroupForm catalogue={catalogue.data} />}
      <Section title="Groups">
        {groups.isPending ? (
          <p className="text-sm text-slate-600">Loading the permission groups…</p>
        ) : groups.isError ? (
          <p role="alert" className="text-sm text-red-800">
            The permission groups could not be loaded. Reload the page to try again.
          </p>
        ) : groups.data.length === 0 ? (
          <p className="text-sm text-slate-600">
            None yet. Create the first above: without one, nobody can approve or publish content.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Permission groups">
            {groups.data.map((group) => (
              <li key={group.id} className="py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-medium break-words">{group.name}</h3>
                    {group.description && <p className="text-sm break-words text-slate-600">{group.description}</p>}
                    <p className="text-xs text-slate-600">
                      {group.permissions.length === 0
                        ? "No permissions"
                        : group.permissions.map((key) => labels.get(key) ?? key).join(", ")}{" "}
                      · {group.members === 1 ? "1 member" : `${group.members} members`}
                    </p>
                  </div>
                  <button
                    type="button"
                    className={buttonClass}
                    aria-expanded={open === group.id}
                    onClick={() => setOpen(open === group.id ? null : group.id)}
                  >
                    {open === group.id ? "Close" : `Manage ${group.name}`}
                  </button>
                </div>
                {open === group.id && catalogue.data && (
                  <GroupDetail
                    groupId={group.id}
                    catalogue={catalogue.data}
                    viewerId={viewerId}
                    onDeleted={() => setOpen(null)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function PermissionChoices(props: {
  catalogue: Catalogue;
  value: PermissionKey[];
  onChange: (value: PermissionKey[]) => void;
  legend: string;
}) {
  return (
    <fieldset>
      <legend className={labelClass}>{props.legend}</legend>
      <div className="mt-1 space-y-2">
        {props.catalogue.map((entry) => (
          <label key={entry.key} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={props.value.includes(entry.key)}
              onChange={(event) =>
                props.onChange(
                  event.target.checked ? [...props.value, entry.key] : props.value.filter((key) => key !== entry.key),
                )
              }
            />
            <span>
              <span className="font-medium">{entry.label}</span>
              <span className="block text-slate-600">{entry.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A new group, or (with `group`) the edit of one. */
function GroupForm(props: {
  catalogue: Catalogue;
  group?: { id: string; name: string; description: string; permissions: PermissionKey[] };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(props.group?.name ?? "");
  const [description, setDescription] = useState(props.group?.description ?? "");
  const [permissions, setPermissions] = useState<PermissionKey[]>(props.group?.permissions ?? []);
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.permissionGroups.pathKey() });
  const create = useMutation(
    trpc.permissionGroups.create.mutationOptions({
      onSuccess: async () => {
        setSaved(`"${name.trim()}" is created. Add its members below.`);
        setName("");
        setDescription("");
        setPermissions([]);
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.permissionGroups.update.mutationOptions({
      onSuccess: async () => {
        setSaved("Saved.");
        await refresh();
      },
    }),
  );
  const pending = create.isPending || update.isPending;
  const form = (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        const fields = { name, description, permissions };
        if (props.group) update.mutate({ permissionGroupId: props.group.id, ...fields });
        else create.mutate(fields);
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          maxLength={100}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className={labelClass}>
          Description <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          className={inputClass}
          value={description}
          maxLength={500}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <PermissionChoices
        catalogue={props.catalogue}
        value={permissions}
        onChange={setPermissions}
        legend="Permissions"
      />
      <ErrorNotice error={create.error ?? update.error} />
      {saved && (
        <p role="status" className="text-sm text-green-800">
          {saved}
        </p>
      )}
      <button type="submit" className={primaryButtonClass} disabled={pending || name.trim() === ""}>
        {pending ? "Saving…" : props.group ? "Save the group" : "Create the group"}
      </button>
      {name.trim() === "" && <p className="text-xs text-slate-600">Give the group a name to save it.</p>}
    </form>
  );
  return props.group ? form : <Section title="New permission group">{form}</Section>;
}

function GroupDetail(props: { groupId: string; catalogue: Catalogue; viewerId: string; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.permissionGroups.byId.queryOptions({ permissionGroupId: props.groupId }));
  const [adding, setAdding] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.permissionGroups.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }),
    ]);
  const setMember = useMutation(
    trpc.users.setPermissionGroupMember.mutationOptions({
      onSuccess: async () => {
        setAdding(null);
        await refresh();
      },
    }),
  );

  if (detail.isPending) return <p className="mt-3 text-sm text-slate-600">Loading the group…</p>;
  if (detail.isError) return <ErrorNotice error={detail.error} />;
  const group = detail.data;
  return (
    <div className="mt-3 space-y-5 rounded-md border border-slate-200 p-4">
      <GroupForm catalogue={props.catalogue} group={group} />
      <div>
        <h4 className="text-sm font-semibold">Members</h4>
        {group.members.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Nobody yet.</p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-100" aria-label={`Members of ${group.name}`}>
            {group.members.map((member) => (
              <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0 break-words">
                  <Link href={`/dashboard/users/${member.userId}`} className="font-medium text-brand-800 underline">
                    {member.firstName} {member.lastName}
                  </Link>{" "}
                  <span className="text-slate-600">{member.email}</span>
                  {member.suspended && <span className="text-slate-600"> (suspended)</span>}
                </span>
                {member.userId === props.viewerId ? (
                  <span className="text-xs text-slate-600">You: another owner admin changes your groups.</span>
                ) : (
                  <button
                    type="button"
                    className={buttonClass}
                    disabled={setMember.isPending}
                    onClick={() =>
                      setMember.mutate({ userId: member.userId, permissionGroupId: group.id, member: false })
                    }
                  >
                    Remove {member.firstName} {member.lastName}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3 space-y-2">
          <UserPicker
            legend="Add a member"
            value={adding?.id ?? null}
            valueName={adding?.name ?? null}
            exclude={props.viewerId}
            onChange={(userId, name) => setAdding(userId && name ? { id: userId, name } : null)}
          />
          <button
            type="button"
            className={primaryButtonClass}
            disabled={!adding || setMember.isPending}
            onClick={() => adding && setMember.mutate({ userId: adding.id, permissionGroupId: group.id, member: true })}
          >
            {adding ? `Add ${adding.name}` : "Add a member"}
          </button>
          {!adding && <p className="text-xs text-slate-600">Find a person above to add them.</p>}
          <ErrorNotice error={setMember.error} />
        </div>
      </div>
      <div>
        <button type="button" className={dangerButtonClass} onClick={() => setDeleting(true)}>
          Delete {group.name}
        </button>
      </div>
      {deleting && (
        <DeleteGroupDialog
          group={group}
          labels={new Map(props.catalogue.map((entry) => [entry.key, entry.label]))}
          onClose={() => setDeleting(false)}
          onDeleted={async () => {
            setDeleting(false);
            props.onDeleted();
            await refresh();
          }}
        />
      )}
    </div>
  );
}

function DeleteGroupDialog(props: {
  group: RouterOutputs["permissionGroups"]["byId"];
  labels: Map<PermissionKey, string>;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [typed, setTyped] = useState("");
  const remove = useMutation(trpc.permissionGroups.delete.mutationOptions({ onSuccess: props.onDeleted }));
  const { group } = props;
  const needsName = group.members.length > 0;
  const permissions = group.permissions.map((key) => props.labels.get(key) ?? key).join(", ") || "no permissions";
  return (
    <ModalDialog labelledBy={`${id}-title`} onClose={props.onClose} tone="danger">
      <p id={`${id}-title`} className="font-medium">
        Delete {group.name}?
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {needsName
          ? `${group.members.map((m) => `${m.firstName} ${m.lastName}`).join(", ")} will lose what this group gives them (${permissions}), unless another of their groups gives it too.`
          : `Nobody is in it: nobody loses anything (${permissions}).`}
      </p>
      <form
        className="mt-3 space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          remove.mutate({ permissionGroupId: group.id, confirmName: needsName ? typed : undefined });
        }}
      >
        {needsName && (
          <div>
            <label htmlFor={`${id}-confirm`} className={labelClass}>
              Type <span className="font-mono">{group.name}</span> to confirm
            </label>
            <input
              id={`${id}-confirm`}
              className={inputClass}
              value={typed}
              autoComplete="off"
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
        )}
        <ErrorNotice error={remove.error} />
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            className={dangerButtonClass}
            disabled={remove.isPending || (needsName && typed.trim().toLowerCase() !== group.name.toLowerCase())}
          >
            {remove.isPending ? "Deleting…" : "Delete the group"}
          </button>
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
        </div>
        {needsName && typed.trim().toLowerCase() !== group.name.toLowerCase() && (
          <p className="text-xs text-slate-600">Type the group&apos;s name to delete it.</p>
        )}
      </form>
    </ModalDialog>
  );
}
