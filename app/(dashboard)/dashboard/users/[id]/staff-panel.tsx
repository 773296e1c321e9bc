"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import type { SupportAccountCategory } from "@/server/db/schema";

type Named = { id: string; name: string };
const categories: { category: SupportAccountCategory; kind: "customer" | "market"; legend: string }[] = [
  { category: "customer", kind: "customer", legend: "Customers" },
  { category: "distributor", kind: "market", legend: "Distributors" },
  { category: "service", kind: "customer", legend: "Services" },
];

/**
 * The person's support profile: the units they handle issues for, the issue types they may
 * handle (none: all) and the accounts assigned to them in three lists (none: every account).
 */
export function StaffPanel({ userId, firstName }: { userId: string; firstName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const profile = useQuery(trpc.support.staffOf.queryOptions({ userId }));
  const types = useQuery(trpc.support.types.queryOptions());
  if (profile.isPending || types.isPending)
    return (
      <Section title="Support">
        <p className="text-sm text-slate-600">Loading the support profile…</p>
      </Section>
    );
  if (profile.isError) return <ErrorNotice error={profile.error} />;
  return (
    <StaffEditor
      userId={userId}
      firstName={firstName}
      initial={profile.data}
      types={(types.data ?? []).filter((t) => !t.archived)}
      onSaved={() => queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() })}
    />
  );
}

function toggle(list: Named[], id: string, name: string): Named[] {
  return list.some((n) => n.id === id) ? list.filter((n) => n.id !== id) : [...list, { id, name }];
}

function StaffEditor(props: {
  userId: string;
  firstName: string;
  initial: {
    units: Named[];
    types: Named[];
    accounts: { nodeId: string; name: string; category: SupportAccountCategory }[];
  };
  types: Named[];
  onSaved: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const [units, setUnits] = useState<Named[]>(props.initial.units);
  const [typeIds, setTypeIds] = useState<string[]>(props.initial.types.map((t) => t.id));
  const [accounts, setAccounts] = useState<Record<SupportAccountCategory, Named[]>>({
    customer: [],
    distributor: [],
    service: [],
    ...Object.fromEntries(
      categories.map(({ category }) => [
        category,
        props.initial.accounts.filter((a) => a.category === category).map((a) => ({ id: a.nodeId, name: a.name })),
      ]),
    ),
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.support.setStaff.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void props.onSaved();
      },
    }),
  );
  const changed = () => setSaved(false);
  return (
    <Section title="Support">
      <form
        className="space-y-4 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            userId: props.userId,
            unitIds: units.map((u) => u.id),
            typeIds,
            accounts: categories.flatMap(({ category }) => accounts[category].map((a) => ({ nodeId: a.id, category }))),
          });
        }}
      >
        <p className="text-slate-600">
          {units.length
            ? `${props.firstName} handles support issues for ${units.map((u) => u.name).join(", ")}.`
            : `${props.firstName} is not on the support staff. Choose a handling unit to make them staff.`}
        </p>
        <NodePicker
          kind="internal"
          legend="Handling units: internal organisations"
          values={units.map((u) => u.id)}
          onToggle={(id, name) => {
            setUnits((list) => toggle(list, id, name));
            changed();
          }}
        />
        <NodePicker
          kind="market"
          legend="Handling units: markets (a distributor's own support)"
          values={units.map((u) => u.id)}
          onToggle={(id, name) => {
            setUnits((list) => toggle(list, id, name));
            changed();
          }}
        />
        {units.length > 0 && (
          <>
            <fieldset>
              <legend className="font-medium text-slate-800">
                Issue types they may handle (none chosen: every type)
              </legend>
              {props.types.length === 0 && <p className="text-slate-600">No issue types yet (Settings).</p>}
              {props.types.map((type) => (
                <label key={type.id} className="mt-1 flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={typeIds.includes(type.id)}
                    onChange={() => {
                      setTypeIds((ids) =>
                        ids.includes(type.id) ? ids.filter((i) => i !== type.id) : [...ids, type.id],
                      );
                      changed();
                    }}
                  />
                  {type.name}
                </label>
              ))}
            </fieldset>
            <p className="text-slate-600">
              Accounts assigned to them, in three lists; none in any list: every account their units serve.
            </p>
            {categories.map(({ category, kind, legend }) => (
              <NodePicker
                key={category}
                kind={kind}
                legend={`${legend}${accounts[category].length ? `: ${accounts[category].map((a) => a.name).join(", ")}` : ""}`}
                values={accounts[category].map((a) => a.id)}
                onToggle={(id, name) => {
                  setAccounts((all) => ({ ...all, [category]: toggle(all[category], id, name) }));
                  changed();
                }}
              />
            ))}
          </>
        )}
        <ErrorNotice error={save.error} />
        <div className="flex items-center gap-3">
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save the support profile"}
          </button>
          {saved && (
            <p role="status" className="text-green-800">
              Saved.
            </p>
          )}
        </div>
      </form>
    </Section>
  );
}
