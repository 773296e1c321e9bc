"use client";

import { useState } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import type { CustomFieldDefinition, CustomFieldValues } from "@/server/organisation/custom-fields";

export interface Profile {
  name: string;
  description: string;
  customFields: CustomFieldValues;
}

/**
 * The form of a node's profile, for creating and editing: name, description and, for a customer,
 * the owner's custom fields, each with the input of its type.
 */
export function ProfileForm(props: {
  idPrefix: string;
  initial: Profile;
  definitions: readonly CustomFieldDefinition[];
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  fieldErrors?: Record<string, string[] | undefined> | undefined;
  onSubmit: (profile: Profile) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<CustomFieldValues>(props.initial.customFields);
  const error = (field: string) => props.fieldErrors?.[field]?.[0];
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        props.onSubmit({
          name: String(form.get("name")),
          description: String(form.get("description")),
          customFields: values,
        });
      }}
    >
      <div>
        <label htmlFor={`${props.idPrefix}-name`} className={labelClass}>
          Name
        </label>
        <input
          id={`${props.idPrefix}-name`}
          name="name"
          required
          maxLength={120}
          defaultValue={props.initial.name}
          className={inputClass}
          aria-invalid={error("name") ? true : undefined}
        />
        {error("name") && <p className="mt-1 text-sm text-red-700">{error("name")}</p>}
      </div>
      <div>
        <label htmlFor={`${props.idPrefix}-description`} className={labelClass}>
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id={`${props.idPrefix}-description`}
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={props.initial.description}
          className={inputClass}
        />
      </div>
      {props.definitions.map((field) => {
        const id = `${props.idPrefix}-cf-${field.key}`;
        const value = values[field.key];
        const set = (next: string) => setValues((current) => ({ ...current, [field.key]: next === "" ? null : next }));
        return (
          <div key={field.key}>
            <label htmlFor={id} className={labelClass}>
              {field.label} <span className="font-normal text-slate-500">(optional)</span>
            </label>
            {field.type === "choice" ? (
              <select
                id={id}
                value={value === null || value === undefined ? "" : String(value)}
                onChange={(e) => set(e.target.value)}
                className={inputClass}
              >
                <option value="">—</option>
                {field.options.map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                // A number input with the field's limits (checked again on the server).
                type={field.type === "date" ? "date" : field.type === "number" ? "number" : "text"}
                inputMode={field.type === "number" ? (field.integer ? "numeric" : "decimal") : undefined}
                min={field.type === "number" ? (field.min ?? undefined) : undefined}
                max={field.type === "number" ? (field.max ?? undefined) : undefined}
                step={field.type === "number" ? (field.integer ? 1 : "any") : undefined}
                maxLength={field.type === "text" ? 500 : undefined}
                value={value === null || value === undefined ? "" : String(value)}
                onChange={(e) => set(e.target.value)}
                className={inputClass}
              />
            )}
          </div>
        );
      })}
      <div className="flex gap-2">
        <button type="submit" disabled={props.pending} className={primaryButtonClass}>
          {props.pending ? props.pendingLabel : props.submitLabel}
        </button>
        <button type="button" className={buttonClass} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
