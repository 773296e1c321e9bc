"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { buttonClass, ErrorNotice, primaryButtonClass } from "@/app/_components/controls";
import { StatusLabel } from "@/app/_components/status-label";
import { UserPicker } from "@/app/_components/user-picker";
import { useTRPC } from "@/app/_trpc/client";

const numberFormat = new Intl.NumberFormat("en-GB");

/** A group's members, with adding someone from the admin's scope and removing one (users.addToGroup / removeFromGroup). */
export function GroupMembers({
  groupId,
  groupName,
  mayManage,
}: {
  groupId: string;
  groupName: string;
  mayManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.users.list.queryOptions({ nodeId: groupId, pageSize: 100 }));
  const [adding, setAdding] = useState<{ id: string | null; name: string | null }>({ id: null, name: null });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const add = useMutation(
    trpc.users.addToGroup.mutationOptions({
      onSuccess: () => {
        setAdding({ id: null, name: null });
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.users.removeFromGroup.mutationOptions({ onSuccess: refresh }));
  const items = members.data?.items ?? [];
  return (
    <div>
      <ErrorNotice error={add.error ?? remove.error} />
      {members.isPending && <p className="text-sm text-slate-600">Loading the members…</p>}
      {members.data && (
        <p className="text-sm text-slate-700" data-testid="member-count">
          {members.data.total === 0
            ? `${groupName} has no members yet.`
            : `${numberFormat.format(members.data.total)}${members.data.totalIsCapped ? "+" : ""} ${members.data.total === 1 ? "member" : "members"}.`}
        </p>
      )}
      {items.length > 0 && (
        <ul className="mt-2 divide-y divide-slate-100" aria-label={`Members of ${groupName}`}>
          {items.map((user) => {
            const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
            return (
              <li key={user.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="min-w-0">
                  <Link href={`/dashboard/users/${user.id}`} className="font-medium text-brand-800 hover:underline">
                    {name}
                  </Link>{" "}
                  <span className="break-all text-slate-600">{user.email}</span>{" "}
                  <StatusLabel status={user.status} suspended={user.suspended} locked={user.locked} />
                </span>
                {mayManage && (
                  <button
                    type="button"
                    className="rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50"
                    disabled={remove.isPending}
                    aria-label={`Remove ${name} from ${groupName}`}
                    onClick={() => remove.mutate({ userId: user.id, groupId })}
                  >
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {members.data && members.data.total > items.length && (
        <p className="mt-2 text-sm">
          <Link href={`/dashboard/users?node=${groupId}`} className="font-medium text-brand-800 hover:underline">
            See all the members in the users table
          </Link>
        </p>
      )}
      {mayManage && (
        <form
          className="mt-4 space-y-3 rounded-md border border-slate-200 p-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding.id) add.mutate({ userId: adding.id, groupId });
          }}
        >
          <UserPicker
            legend={`Add someone to ${groupName}`}
            value={adding.id}
            valueName={adding.name}
            onChange={(id, name) => setAdding({ id, name })}
          />
          <div className="flex gap-2">
            <button type="submit" className={primaryButtonClass} disabled={!adding.id || add.isPending}>
              {add.isPending ? "Adding…" : "Add to the group"}
            </button>
            {adding.id && (
              <button type="button" className={buttonClass} onClick={() => setAdding({ id: null, name: null })}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
