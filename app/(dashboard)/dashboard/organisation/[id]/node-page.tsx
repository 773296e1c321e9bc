"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import {
  buttonClass,
  ConfirmPanel,
  ErrorNotice,
  Facts,
  primaryButtonClass,
  Section,
  TypedDeleteConfirmation,
} from "@/app/_components/controls";
import { LocalDate } from "@/app/_components/local-time";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import type { NodeKind } from "@/server/db/schema";
import { kindLabel, kindTitle } from "@/server/organisation/kinds";
import { roleLabel } from "@/server/scope/roles";
import { GroupMembers } from "./group-members";
import { ProfileForm } from "./profile-form";

const numberFormat = new Intl.NumberFormat("en-GB");
const plural = (n: number, one: string, many: string) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

export function NodePage({ nodeId }: { nodeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const node = useQuery(trpc.organisation.byId.queryOptions({ nodeId }, { retry: false }));
  const [showArchived, setShowArchived] = useState(false);
  // The previous list stays on screen while the archived ones load: nothing jumps under the pointer.
  const children = useQuery(
    trpc.organisation.treeLevel.queryOptions(
      { parentId: nodeId, includeArchived: showArchived },
      { enabled: node.isSuccess, placeholderData: keepPreviousData },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.organisation.pathKey() });
  const [mode, setMode] = useState<null | "edit" | "move" | { create: Exclude<NodeKind, "owner"> }>(null);
  const [moveTo, setMoveTo] = useState("");
  const [deleteText, setDeleteText] = useState("");
  const [confirmArchive, setConfirmArchive] = useState(false);
  const update = useMutation(
    trpc.organisation.update.mutationOptions({
      onSuccess: () => {
        void refresh();
        setMode(null);
      },
    }),
  );
  const create = useMutation(
    trpc.organisation.create.mutationOptions({
      onSuccess: ({ nodeId: created }) => {
        void refresh();
        router.push(`/dashboard/organisation/${created}`);
      },
    }),
  );
  const archive = useMutation(trpc.organisation.setArchived.mutationOptions({ onSuccess: refresh }));
  const move = useMutation(
    trpc.organisation.moveCustomer.mutationOptions({
      onSuccess: () => {
        void refresh();
        setMode(null);
      },
    }),
  );
  const remove = useMutation(
    trpc.organisation.delete.mutationOptions({
      onSuccess: () => {
        void refresh();
        const parent = node.data?.breadcrumb.at(-2);
        router.push(parent ? `/dashboard/organisation/${parent.id}` : "/dashboard/organisation");
      },
    }),
  );

  if (node.isPending) return <p className="text-slate-600">Loading…</p>;
  if (node.isError) {
    return (
      <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">Organisation not found</h1>
        <p className="mt-1 text-sm text-slate-600">
          It does not exist, or it is outside the part of the organisation you administer.
        </p>
        <Link
          href="/dashboard/organisation"
          className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline"
        >
          Back to the organisation
        </Link>
      </div>
    );
  }
  const n = node.data;
  const owner = n.breadcrumb[0]?.kind === "owner" ? n.breadcrumb[0] : null;
  const actionError = archive.error ?? move.error ?? remove.error;
  const customFieldRows: [string, ReactNode][] = n.customFieldDefinitions.map((field) => {
    const value = n.customFields[field.key];
    return [
      field.label,
      value === null || value === undefined || value === "" ? (
        "—"
      ) : field.type === "number" ? (
        numberFormat.format(Number(value))
      ) : field.type === "date" ? (
        <LocalDate key={field.key} value={String(value)} />
      ) : (
        String(value)
      ),
    ];
  });

  return (
    <div className="mx-auto max-w-5xl space-y-5">
      <Breadcrumb
        trail={[
          { href: "/dashboard/organisation", label: "Organisation" },
          ...n.breadcrumb
            .slice(0, -1)
            .map((crumb) => ({ href: `/dashboard/organisation/${crumb.id}`, label: crumb.name })),
        ]}
        current={n.breadcrumb.at(-1)?.name ?? ""}
      />

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm font-medium text-slate-600">{kindTitle[n.kind]}</p>
          <h1 className="text-2xl font-semibold">{n.name}</h1>
          {n.archived && (
            <span className="mt-1 inline-flex rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
              Archived
            </span>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/dashboard/users?node=${n.id}`} className={buttonClass}>
            See its users
          </Link>
          {n.may.edit && (
            <button type="button" className={buttonClass} onClick={() => setMode("edit")}>
              Edit
            </button>
          )}
          {n.may.move && (
            <button type="button" className={buttonClass} onClick={() => setMode("move")}>
              Move to another market
            </button>
          )}
          {n.may.remove && (
            <button
              type="button"
              className={buttonClass}
              disabled={archive.isPending}
              onClick={() => (n.archived ? archive.mutate({ nodeId: n.id, archived: false }) : setConfirmArchive(true))}
            >
              {archive.isPending ? "Saving…" : n.archived ? "Restore" : "Archive"}
            </button>
          )}
        </div>
      </header>
      <ErrorNotice error={actionError} />
      {confirmArchive && (
        <ConfirmPanel
          id="archive"
          question={`Archive ${n.name}?`}
          confirmLabel="Archive"
          onConfirm={() => {
            archive.mutate({ nodeId: n.id, archived: true });
            setConfirmArchive(false);
          }}
          onCancel={() => setConfirmArchive(false)}
        >
          It disappears from the tree and the pickers, with everything below it. Its users keep their accounts and
          history. You can restore it whenever you like.
        </ConfirmPanel>
      )}

      {mode === "move" && (
        <Section title={`Move ${n.name}`}>
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              move.mutate({ nodeId: n.id, newParentId: moveTo });
            }}
          >
            <p className="text-sm text-slate-700">
              Its groups and users move with it. The admins of its current market stop seeing it; those of the new
              market start seeing it at once.
            </p>
            {owner && (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="move-owner"
                  checked={moveTo === owner.id}
                  onChange={() => setMoveTo(owner.id)}
                />
                Directly under {owner.name} (no market)
              </label>
            )}
            <NodePicker
              kind="market"
              purpose="moveTarget"
              legend="Or to a market"
              value={moveTo}
              onChange={setMoveTo}
            />
            <div className="flex gap-2">
              <button type="submit" className={primaryButtonClass} disabled={!moveTo || move.isPending}>
                {move.isPending ? "Moving…" : "Move"}
              </button>
              <button type="button" className={buttonClass} onClick={() => setMode(null)}>
                Cancel
              </button>
            </div>
          </form>
        </Section>
      )}

      <div className="grid gap-5 lg:grid-cols-2">
        <Section title="Profile">
          {mode === "edit" ? (
            <>
              <ErrorNotice error={update.error && !update.error.data?.zodIssues ? update.error : null} />
              <ProfileForm
                idPrefix="edit"
                initial={{ name: n.name, description: n.description, customFields: n.customFields }}
                definitions={n.customFieldDefinitions}
                submitLabel="Save"
                pendingLabel="Saving…"
                pending={update.isPending}
                fieldErrors={update.error?.data?.zodIssues?.fieldErrors}
                onSubmit={(profile) => update.mutate({ nodeId: n.id, ...profile })}
                onCancel={() => setMode(null)}
              />
            </>
          ) : (
            <Facts rows={[["Description", n.description || "—"], ...customFieldRows]} />
          )}
        </Section>

        <Section title="What it holds">
          <Facts
            rows={
              n.kind === "group"
                ? [
                    ["Members", numberFormat.format(n.contents.members)],
                    ["Role assignments", numberFormat.format(n.contents.roles)],
                  ]
                : [
                    ["Organisations and groups below", numberFormat.format(n.contents.children)],
                    ["Members of its groups", numberFormat.format(n.contents.members)],
                    ["Role assignments", numberFormat.format(n.contents.roles)],
                  ]
            }
          />
        </Section>
      </div>

      <Section title="Administrators">
        {n.administrators.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nobody administers {n.name} itself
            {n.kind === "owner"
              ? "."
              : ": the administrators above it do, and you can grant a role on a person's page."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label={`Administrators of ${n.name}`}>
            {n.administrators.map((admin) => (
              <li key={`${admin.userId}-${admin.role}`} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
                <Link href={`/dashboard/users/${admin.userId}`} className="font-medium text-brand-800 underline">
                  {admin.name || admin.email}
                </Link>
                <span className="text-slate-600">{roleLabel[admin.role]}</span>
                <span className="break-all text-slate-600">{admin.email}</span>
                {admin.suspended && <span className="text-slate-600">(suspended)</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {n.kind === "group" ? (
        <Section title="Members">
          <GroupMembers groupId={n.id} groupName={n.name} mayManage={n.may.manageMembers} />
        </Section>
      ) : (
        <Section
          title="Below it"
          actions={
            <div className="flex flex-wrap items-center gap-2">
              {n.may.create.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  className={buttonClass}
                  onClick={() => setMode({ create: kind })}
                  disabled={n.archived}
                >
                  Add {kindLabel[kind]}
                </button>
              ))}
            </div>
          }
        >
          {typeof mode === "object" && mode !== null && (
            <div className="mb-4 rounded-md border border-slate-200 p-4">
              <h3 className="mb-2 font-medium">
                New {kindLabel[mode.create]} under {n.name}
              </h3>
              <ErrorNotice error={create.error && !create.error.data?.zodIssues ? create.error : null} />
              <ProfileForm
                key={mode.create}
                idPrefix="create"
                initial={{ name: "", description: "", customFields: {} }}
                definitions={mode.create === "customer" ? n.customerFieldDefinitions : []}
                submitLabel={`Add ${kindLabel[mode.create]}`}
                pendingLabel="Adding…"
                pending={create.isPending}
                fieldErrors={create.error?.data?.zodIssues?.fieldErrors}
                onSubmit={(profile) => create.mutate({ parentId: n.id, kind: mode.create, ...profile })}
                onCancel={() => setMode(null)}
              />
            </div>
          )}
          <label className="mb-2 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            Show archived
          </label>
          {children.isPending && <p className="text-sm text-slate-600">Loading…</p>}
          {children.data?.nodes.length === 0 && (
            <p className="text-sm text-slate-600">
              Nothing below {n.name} yet
              {n.may.create.length ? `. Use “Add ${kindLabel[n.may.create[0]!]}” to create the first.` : "."}
            </p>
          )}
          {children.data && children.data.nodes.length > 0 && (
            <ul className="divide-y divide-slate-100">
              {children.data.nodes.map((child) => (
                <li key={child.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <Link
                    href={`/dashboard/organisation/${child.id}`}
                    className="font-medium text-brand-800 hover:underline"
                  >
                    {child.name}
                  </Link>
                  <span className="text-xs text-slate-500">{kindTitle[child.kind]}</span>
                  {child.archived && (
                    <span className="rounded-full bg-slate-200 px-2 text-xs text-slate-800">Archived</span>
                  )}
                  <span className="text-sm text-slate-700">{plural(child.counts.total, "user", "users")}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      {n.may.remove &&
        (n.contents.children || n.contents.members || n.contents.roles ? (
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="delete-node-title">
            <h2 id="delete-node-title" className="text-base font-semibold">
              Delete this {kindLabel[n.kind]}
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              It still holds {plural(n.contents.children, "organisation or group", "organisations or groups")},{" "}
              {plural(n.contents.members, "member", "members")} and{" "}
              {plural(n.contents.roles, "role assignment", "role assignments")}. Move or remove them first, or{" "}
              <strong>archive</strong> it: archiving hides it and keeps everything.
            </p>
          </section>
        ) : (
          <TypedDeleteConfirmation
            idPrefix="delete-node"
            title={`Delete this ${kindLabel[n.kind]}`}
            hint={
              <>
                Deleting is permanent. To hide it and keep its history, <strong>archive</strong> it instead.
              </>
            }
            expected={n.name}
            pending={remove.isPending}
            value={deleteText}
            onChange={setDeleteText}
            onConfirm={(typed) => remove.mutate({ nodeId: n.id, confirmName: typed })}
          />
        ))}
    </div>
  );
}
