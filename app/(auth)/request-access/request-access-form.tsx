"use client";

import { useActionState } from "react";
import { requestAccess, type RequestAccessState } from "./actions";
import { FacilityChoice } from "./facility-choice";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm";
type FieldName = "firstName" | "lastName" | "email" | "phone" | "position" | "facilityName" | "country";
const person = [
  ["firstName", "First name", "text", "given-name", true],
  ["lastName", "Last name", "text", "family-name", true],
  ["email", "Work email", "email", "email", true],
  ["phone", "Phone", "tel", "tel", false],
  ["position", "Position", "text", "organization-title", false],
] as const;
const place = [
  // Labelled for what it is: the list above (open facilities) has "Hospital or facility" as its legend.
  ["facilityName", "Name of your hospital or facility", "text", "organization", true],
  ["country", "Country", "text", "country-name", true],
] as const;

/**
 * The country of the browser's own language setting ("en-GB" → "United Kingdom"), to start the
 * field with; empty when the browser names no region. Filled in after the page has hydrated (the
 * server cannot know it), and only into an empty field.
 */
function browserCountry(): string {
  if (typeof navigator === "undefined") return "";
  const region = new Intl.Locale(navigator.language).maximize().region;
  return region ? (new Intl.DisplayNames(["en"], { type: "region" }).of(region) ?? "") : "";
}

/**
 * Starts an empty country field with the browser's country when it appears (after hydration, or
 * when "My facility is not in the list" shows it); what was typed is never replaced.
 */
function startWithBrowserCountry(input: HTMLInputElement | null) {
  if (input && !input.value) input.value = browserCountry();
}

const notice = "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm";

/**
 * The public request form: per-field errors, one answer for everyone once sent. With facilities
 * open to self-registration the person picks theirs from one searchable list, or types it in.
 */
export function RequestAccessForm({ facilities }: { facilities: { id: string; name: string }[] | null }) {
  const [state, action, pending] = useActionState<RequestAccessState, FormData>(requestAccess, {
    outcome: null,
    email: null,
    fieldErrors: {},
    values: {},
  });
  if (state.outcome === "approving") {
    return (
      <div role="status" className="text-sm text-slate-700">
        <p className="font-medium text-slate-900">Check your inbox.</p>
        <p className="mt-2">
          We are sending an email to <strong className="break-all">{state.email}</strong> with a link to set your
          password. It usually arrives within a minute. If you already have an account, the email tells you how to sign
          in.
        </p>
      </div>
    );
  }
  if (state.outcome === "received") {
    return (
      <div role="status" className="text-sm text-slate-700">
        <p className="font-medium text-slate-900">Thank you: your request is waiting for review.</p>
        <p className="mt-2">
          An administrator for your facility will look at it. You will get an email at{" "}
          <strong className="break-all">{state.email}</strong> when there is news. If you already have an account, the
          email tells you how to sign in.
        </p>
      </div>
    );
  }

  const field = ([name, label, type, autoComplete, required]: readonly [
    FieldName,
    string,
    string,
    string,
    boolean,
  ]) => {
    const error = state.fieldErrors[name]?.[0];
    return (
      <div key={name} className={name === "email" || (name === "facilityName" && !facilities) ? "sm:col-span-2" : ""}>
        <label htmlFor={`ra-${name}`} className="block text-sm font-medium text-slate-800">
          {label}
          {!required && <span className="font-normal text-slate-500"> (optional)</span>}
        </label>
        <input
          ref={name === "country" ? startWithBrowserCountry : undefined}
          id={`ra-${name}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          defaultValue={state.values[name] ?? ""}
          maxLength={name === "email" ? 320 : 200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `ra-${name}-error` : undefined}
          className={inputClass}
        />
        {error && (
          <p id={`ra-${name}-error`} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form action={action} className="space-y-4" noValidate>
      {state.outcome === "closed" && (
        <p role="alert" className={notice}>
          Registration has just been closed. Ask the administrator at your hospital to create an account for you.
        </p>
      )}
      {state.outcome === "rate_limited" && (
        <p role="alert" className={notice}>
          Too many requests have come from your network in the last hour. Please try again later.
        </p>
      )}
      {state.outcome === "facility_unavailable" && (
        <p role="alert" className={notice}>
          The facility you chose no longer takes requests here. Reload the page and choose it again, or choose &ldquo;My
          facility is not in the list&rdquo;.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {person.map(field)}
        {facilities ? (
          <FacilityChoice
            facilities={facilities}
            initial={state.values.facilityId}
            error={state.fieldErrors.facilityId?.[0]}
          >
            {place.map(field)}
          </FacilityChoice>
        ) : (
          place.map(field)
        )}
      </div>
      <div>
        <label htmlFor="ra-message" className="block text-sm font-medium text-slate-800">
          Message <span className="font-normal text-slate-500">(optional: your department, who can vouch for you)</span>
        </label>
        <textarea
          id="ra-message"
          name="message"
          rows={3}
          maxLength={2000}
          defaultValue={state.values.message ?? ""}
          className={inputClass}
        />
      </div>
      {/* A field only bots fill in: hidden from sight and from assistive technology. */}
      <div aria-hidden className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="ra-website">Website</label>
        <input id="ra-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Sending…" : "Send request"}
      </button>
    </form>
  );
}
