"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { inputClass } from "./controls";

/** Finds a user in the admin's scope by the start of their name or email, for fields such as "manager". */
export function UserPicker(props: {
  legend: string;
  value: string | null;
  valueName: string | null;
  onChange: (id: string | null, name: string | null) => void;
  exclude?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const found = useQuery(
    trpc.users.list.queryOptions({ search: deferred, pageSize: 8 }, { enabled: deferred.length >= 2 }),
  );
  const options = found.data?.items.filter((u) => u.id !== props.exclude) ?? [];
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">{props.legend}</legend>
      <p className="mt-1 text-sm text-slate-700">
        {props.value ? (
          <>
            Now: <strong>{props.valueName}</strong>{" "}
            <button
              type="button"
              className="font-medium text-brand-800 underline"
              onClick={() => props.onChange(null, null)}
            >
              Clear
            </button>
          </>
        ) : (
          "None."
        )}
      </p>
      <label htmlFor={`${id}-search`} className="sr-only">
        Find a person for {props.legend}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Type two letters of a name or email"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className={inputClass}
      />
      {deferred.length >= 2 && (
        <ul className="mt-1 max-h-48 overflow-y-auto rounded-md border border-slate-200">
          {found.isPending && <li className="px-3 py-2 text-sm text-slate-600">Searching…</li>}
          {found.data && options.length === 0 && (
            <li className="px-3 py-2 text-sm text-slate-600">No one in your organisation matches.</li>
          )}
          {options.map((u) => {
            const name = `${u.firstName} ${u.lastName}`.trim() || u.email;
            return (
              <li key={u.id}>
                <button
                  type="button"
                  className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-50"
                  onClick={() => {
                    props.onChange(u.id, name);
                    setSearch("");
                  }}
                >
                  <span className="font-medium">{name}</span> <span className="text-slate-600">{u.email}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
