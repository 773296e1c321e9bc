"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";

interface TypeFields {
  name: string;
  description: string;
  deviceComplaint: boolean;
  defaultUnitId: string;
  attachmentsAllowed: boolean;
  unitKind?: string;
}
const blank: TypeFields = {
  name: "",
  description: "",
  deviceComplaint: false,
  defaultUnitId: "",
  attachmentsAllowed: true,
};

/** The kinds of issue product users report, each with the unit that handles it. */
export function IssueTypesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.support.types.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const retire = useMutation(trpc.support.retireType.mutationOptions({ onSuccess: () => void refresh() }));
  if (types.isPending) return <p className="mt-3 text-sm text-slate-600">Loading the issue types…</p>;
  if (types.isError) return <ErrorNotice error={types.error} />;
  return (
    <div className="mt-3 space-y-3">
      {types.data.length === 0 && (
        <p className="text-sm text-slate-600">No issue types yet: add one, and product users can start reporting.</p>
      )}
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label="Issue types">
        {types.data.map((type) =>
          editing === type.id ? (
            <li key={type.id} className="p-3">
              <TypeEditor
                initial={type}
                typeId={type.id}
                onDone={() => {
                  setEditing(null);
                  void refresh();
                }}
              />
            </li>
          ) : (
            <li key={type.id} className="flex flex-wrap items-start justify-between gap-2 p-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium">
                  {type.name}
                  {type.archived && <span className="ml-2 text-xs font-normal text-slate-600">(archived)</span>}
                </p>
                <p className="text-slate-600">
                  Handled by {type.unitName}
                  {type.deviceComplaint ? " · device complaint" : ""}
                  {type.attachmentsAllowed ? " · files allowed" : ""}
                </p>
              </div>
              <div className="flex gap-2">
                {!type.archived && (
                  <button type="button" className={buttonClass} onClick={() => setEditing(type.id)}>
                    Edit
                  </button>
                )}
                <button
                  type="button"
                  className={buttonClass}
                  disabled={retire.isPending}
                  onClick={() => retire.mutate({ typeId: type.id, action: type.archived ? "restore" : "retire" })}
                >
                  {type.archived ? "Restore" : type.used ? "Archive" : "Delete"}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      <ErrorNotice error={retire.error} />
      {editing === "new" ? (
        <div className="rounded-md border border-slate-200 p-3">
          <TypeEditor
            initial={blank}
            typeId={null}
            onDone={() => {
              setEditing(null);
              void refresh();
            }}
          />
        </div>
      ) : (
        <button type="button" className={buttonClass} onClick={() => setEditing("new")}>
          Add an issue type
        </button>
      )}
    </div>
  );
}

function TypeEditor({ initial, typeId, onDone }: { initial: TypeFields; typeId: string | null; onDone: () => void }) {
  const trpc = useTRPC();
  const [fields, setFields] = useState<TypeFields>({
    name: initial.name,
    description: initial.description,
    deviceComplaint: initial.deviceComplaint,
    defaultUnitId: initial.defaultUnitId,
    attachmentsAllowed: initial.attachmentsAllowed,
  });
  const [unitKind, setUnitKind] = useState<"internal" | "market">(
    initial.unitKind === "market" ? "market" : "internal",
  );
  const create = useMutation(trpc.support.createType.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.support.updateType.mutationOptions({ onSuccess: onDone }));
  const error = create.error ?? update.error;
  const issues = error?.data?.zodIssues?.fieldErrors;
  const set = (patch: Partial<TypeFields>) => setFields((current) => ({ ...current, ...patch }));
  const id = typeId ?? "new";
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (typeId) update.mutate({ typeId, ...fields });
        else create.mutate(fields);
      }}
    >
      <div>
        <label htmlFor={`type-name-${id}`} className={labelClass}>
          Name
        </label>
        <input
          id={`type-name-${id}`}
          value={fields.name}
          maxLength={80}
          onChange={(e) => set({ name: e.target.value })}
          className={inputClass}
        />
        {issues?.name?.[0] && <p className="mt-1 text-sm text-red-700">{issues.name[0]}</p>}
      </div>
      <div>
        <label htmlFor={`type-description-${id}`} className={labelClass}>
          Description <span className="font-normal text-slate-500">(shown on the report form)</span>
        </label>
        <input
          id={`type-description-${id}`}
          value={fields.description}
          maxLength={500}
          onChange={(e) => set({ description: e.target.value })}
          className={inputClass}
        />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={fields.deviceComplaint}
          onChange={(e) => set({ deviceComplaint: e.target.checked })}
        />
        <span>
          <span className="font-medium">Device complaint</span>
          <span className="block text-slate-600">
            Asks for the device&apos;s serial or lot, the event&apos;s date and whether anyone was harmed, and gets a
            reportability decision with its deadline.
          </span>
        </span>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={fields.attachmentsAllowed}
          onChange={(e) => set({ attachmentsAllowed: e.target.checked })}
        />
        Reporters may add files
      </label>
      <div>
        <label htmlFor={`type-unit-kind-${id}`} className={labelClass}>
          Handled by
        </label>
        <select
          id={`type-unit-kind-${id}`}
          value={unitKind}
          onChange={(e) => {
            setUnitKind(e.target.value as "internal" | "market");
            set({ defaultUnitId: "" });
          }}
          className={inputClass}
        >
          <option value="internal">An internal organisation</option>
          <option value="market">A market (its distributor&apos;s own support)</option>
        </select>
      </div>
      <NodePicker
        key={unitKind}
        kind={unitKind}
        legend="The unit whose staff handle these issues"
        value={fields.defaultUnitId}
        onChange={(unit) => set({ defaultUnitId: unit })}
        error={issues?.defaultUnitId?.[0]}
      />
      {error && !issues && <ErrorNotice error={error} />}
      <div className="flex gap-2">
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={create.isPending || update.isPending || !fields.defaultUnitId}
        >
          {typeId ? "Save" : "Add the issue type"}
        </button>
        <button type="button" className={buttonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
