"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { inputClass } from "./controls";

type PickableKind = "market" | "customer" | "internal" | "group";
type Purpose = "members" | "grantLocal" | "grantTop" | "moveTarget" | "registration" | "distribute";

const noun: Record<PickableKind, string> = {
  market: "market",
  customer: "customer",
  internal: "internal organisation",
  group: "user group",
};

/**
 * A searchable list of the nodes of one kind the signed-in admin may use for `purpose`, as radio
 * buttons (keyboard: Tab into the list, arrows to move), or as checkboxes when several may be
 * chosen (`values` and `onToggle`). The path above each name tells apart groups of the same name in
 * different hospitals.
 */
export function NodePicker(props: {
  kind: PickableKind;
  purpose?: Purpose;
  legend: string;
  value?: string;
  onChange?: (id: string) => void;
  values?: readonly string[];
  onToggle?: (id: string, name: string) => void;
  exclude?: readonly string[];
  error?: string | undefined;
}) {
  const several = props.values !== undefined;
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const options = useQuery(
    trpc.organisation.nodesInScope.queryOptions({
      kind: props.kind,
      purpose: props.purpose ?? "members",
      search: deferred || undefined,
    }),
  );
  const shown = options.data?.filter((node) => !props.exclude?.includes(node.id));
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">{props.legend}</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        Find a {noun[props.kind]}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder={`Find a ${noun[props.kind]} by name`}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className={inputClass}
      />
      <div className="mt-2 max-h-56 overflow-y-auto rounded-md border border-slate-200">
        {options.isPending && <p className="px-3 py-2 text-sm text-slate-600">Loading…</p>}
        {options.isError && (
          <p className="px-3 py-2 text-sm text-red-800">The list could not be loaded. Try again in a moment.</p>
        )}
        {shown?.length === 0 && (
          <p className="px-3 py-2 text-sm text-slate-600">
            No {noun[props.kind]} you may use here matches{search ? ` "${search}"` : ""}.
          </p>
        )}
        {shown?.map((node) => (
          <label key={node.id} className="flex cursor-pointer items-start gap-2 px-3 py-2 text-sm hover:bg-slate-50">
            {several ? (
              <input
                type="checkbox"
                value={node.id}
                checked={props.values?.includes(node.id) ?? false}
                onChange={() => props.onToggle?.(node.id, node.name)}
                className="mt-0.5"
              />
            ) : (
              <input
                type="radio"
                name={`${id}-node`}
                value={node.id}
                checked={props.value === node.id}
                onChange={() => props.onChange?.(node.id)}
                required
                className="mt-0.5"
              />
            )}
            <span>
              <span className="font-medium">{node.name}</span>
              {node.path.length > 1 && (
                <span className="block text-slate-600">{node.path.slice(0, -1).join(" › ")}</span>
              )}
            </span>
          </label>
        ))}
      </div>
      {props.error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
