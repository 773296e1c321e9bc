"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  buttonClass,
  ConfirmPanel,
  ErrorNotice,
  inputClass,
  labelClass,
  primaryButtonClass,
} from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";

interface Editing {
  customerId: string;
  customerName: string | null;
  defaultGroupId: string;
  domainsText: string;
}

/**
 * The facilities (customers) open to self-registration: each with the group newcomers join and,
 * optionally, the email domains allowed to register themselves there.
 */
export function OpenFacilitiesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.registration.openFacilities.queryOptions());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [closing, setClosing] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.registration.openFacilities.queryKey() });
  const close = useMutation(
    trpc.registration.closeFacility.mutationOptions({
      onSuccess: () => {
        setClosing(null);
        refresh();
      },
    }),
  );

  return (
    <div className="mt-4 space-y-4">
      {list.isPending && <p className="text-sm text-slate-600">Loading…</p>}
      <ErrorNotice error={list.error ?? close.error} />
      {list.data?.length === 0 && (
        <p className="text-sm text-slate-600">
          No facility is open to self-registration yet. Requests all wait for review.
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {list.data.map((facility) => (
            <li key={facility.customerId} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
              <div>
                <p className="font-medium">{facility.customerName}</p>
                <p className="text-slate-700">Joins: {facility.defaultGroupName}</p>
                <p className="text-slate-600">
                  {facility.allowedDomains.length
                    ? `Addresses at ${facility.allowedDomains.join(", ")}`
                    : "Any email address"}
                </p>
                {(facility.customerArchived || facility.defaultGroupArchived) && (
                  <p className="mt-1 text-amber-800">Archived: not offered on the form until restored.</p>
                )}
              </div>
              <div className="flex gap-2">
                <button
                  type="button"
                  className={buttonClass}
                  aria-label={`Edit ${facility.customerName}`}
                  onClick={() =>
                    setEditing({
                      customerId: facility.customerId,
                      customerName: facility.customerName,
                      defaultGroupId: facility.defaultGroupId,
                      domainsText: facility.allowedDomains.join(", "),
                    })
                  }
                >
                  Edit
                </button>
                <button
                  type="button"
                  className={buttonClass}
                  aria-label={`Close ${facility.customerName} to self-registration`}
                  onClick={() => setClosing(facility.customerId)}
                >
                  Close
                </button>
              </div>
              {closing === facility.customerId && (
                <div className="w-full">
                  <ConfirmPanel
                    id={`close-${facility.customerId}`}
                    question={`Close ${facility.customerName} to self-registration?`}
                    confirmLabel="Close to self-registration"
                    onConfirm={() => close.mutate({ customerId: facility.customerId })}
                    onCancel={() => setClosing(null)}
                  >
                    It leaves the list on the request form. Its users and requests stay; new requests for it wait for
                    review.
                  </ConfirmPanel>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <FacilityEditor
          initial={editing}
          onDone={() => {
            setEditing(null);
            refresh();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          className={buttonClass}
          onClick={() => setEditing({ customerId: "", customerName: null, defaultGroupId: "", domainsText: "" })}
        >
          Open a facility
        </button>
      )}
    </div>
  );
}

function FacilityEditor({ initial, onDone, onCancel }: { initial: Editing; onDone: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const [customerId, setCustomerId] = useState(initial.customerId);
  const [defaultGroupId, setDefaultGroupId] = useState(initial.defaultGroupId);
  const [domainsText, setDomainsText] = useState(initial.domainsText);
  const groups = useQuery(
    trpc.organisation.treeLevel.queryOptions({ parentId: customerId || null }, { enabled: Boolean(customerId) }),
  );
  const liveGroups = groups.data?.nodes.filter((n) => n.kind === "group" && !n.archived) ?? [];
  const save = useMutation(trpc.registration.openFacility.mutationOptions({ onSuccess: onDone }));
  const issues = save.error?.data?.zodIssues?.fieldErrors;

  return (
    <form
      className="space-y-4 rounded-md border border-slate-200 p-4"
      aria-label={initial.customerName ? `Edit ${initial.customerName}` : "Open a facility"}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ customerId, defaultGroupId, allowedDomains: domainsText.split(/[\s,;]+/).filter(Boolean) });
      }}
    >
      <ErrorNotice error={save.error && !issues ? save.error : null} />
      {initial.customerName ? (
        <p className="text-sm font-medium">{initial.customerName}</p>
      ) : (
        <NodePicker
          kind="customer"
          legend="Customer"
          value={customerId}
          onChange={(id) => {
            setCustomerId(id);
            setDefaultGroupId("");
          }}
        />
      )}
      {customerId && (
        <div>
          <label htmlFor="open-facility-group" className={labelClass}>
            Group newcomers join
          </label>
          <select
            id="open-facility-group"
            required
            value={defaultGroupId}
            onChange={(e) => setDefaultGroupId(e.target.value)}
            className={`${inputClass} bg-white`}
          >
            <option value="">
              {groups.isPending ? "Loading…" : liveGroups.length ? "Choose a group" : "This customer has no groups yet"}
            </option>
            {liveGroups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
          {issues?.defaultGroupId?.[0] && <p className="mt-1 text-sm text-red-700">{issues.defaultGroupId[0]}</p>}
        </div>
      )}
      <div>
        <label htmlFor="open-facility-domains" className={labelClass}>
          Allowed email domains{" "}
          <span className="font-normal text-slate-500">(optional, separated by commas; subdomains count)</span>
        </label>
        <input
          id="open-facility-domains"
          value={domainsText}
          onChange={(e) => setDomainsText(e.target.value)}
          placeholder="stolav.example, helse-midt.example"
          className={inputClass}
        />
        <p className="mt-1 text-sm text-slate-600">
          Leave empty to let every address register itself here. Others still may ask; their requests wait for review.
        </p>
        {issues?.allowedDomains?.[0] && <p className="mt-1 text-sm text-red-700">{issues.allowedDomains[0]}</p>}
      </div>
      <div className="flex gap-2">
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={save.isPending || !customerId || !defaultGroupId}
        >
          {save.isPending ? "Saving…" : initial.customerName ? "Save" : "Open to self-registration"}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
