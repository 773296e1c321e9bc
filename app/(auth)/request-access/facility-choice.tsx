"use client";

import { useState, type ReactNode } from "react";

const notListed = "";

/**
 * The facilities open to self-registration, as one searchable list of radio buttons (Tab into the
 * list, arrows to move), and "My facility is not in the list", which asks for the name and country
 * instead (the maker's other customers are never listed to the public). The choice is sent as
 * `facilityId`.
 */
export function FacilityChoice(props: {
  facilities: { id: string; name: string }[];
  initial: string | undefined;
  error: string | undefined;
  children: ReactNode;
}) {
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<string | null>(props.initial ?? null);
  const needle = search.trim().toLowerCase();
  const shown = props.facilities.filter((f) => f.name.toLowerCase().includes(needle) || f.id === chosen).slice(0, 50);
  return (
    <fieldset className="sm:col-span-2" aria-describedby={props.error ? "ra-facility-error" : undefined}>
      <legend className="block text-sm font-medium text-slate-800">Hospital or facility</legend>
      <p id="ra-facility-help" className="mt-1 text-sm text-slate-600">
        At a facility in this list you are invited as soon as you send this. If yours is not here, type its name: an
        administrator reviews your request first.
      </p>
      {/* Nothing chosen yet sends a value the server refuses with "Choose your facility from the list." */}
      <input type="hidden" name="facilityId" value={chosen ?? "none"} />
      <label htmlFor="ra-facility-search" className="sr-only">
        Find your facility
      </label>
      <input
        id="ra-facility-search"
        type="search"
        placeholder="Find your facility by name"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm"
      />
      <div className="mt-2 max-h-56 overflow-y-auto rounded-md border border-slate-200">
        {shown.length === 0 && (
          <p className="px-3 py-2 text-sm text-slate-600">
            No facility matches &ldquo;{search}&rdquo;. Choose &ldquo;My facility is not in the list&rdquo; below.
          </p>
        )}
        {shown.map((facility) => (
          <label
            key={facility.id}
            className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50"
          >
            <input
              type="radio"
              name="ra-facility"
              checked={chosen === facility.id}
              onChange={() => setChosen(facility.id)}
            />
            <span className="font-medium">{facility.name}</span>
          </label>
        ))}
        <label className="flex cursor-pointer items-center gap-2 border-t border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
          <input type="radio" name="ra-facility" checked={chosen === notListed} onChange={() => setChosen(notListed)} />
          <span>My facility is not in the list</span>
        </label>
      </div>
      {props.error && (
        <p id="ra-facility-error" className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      )}
      {chosen === notListed && <div className="mt-3 grid gap-4 sm:grid-cols-2">{props.children}</div>}
    </fieldset>
  );
}
