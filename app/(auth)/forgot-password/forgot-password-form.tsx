"use client";

import { useActionState } from "react";
import { askForReset, type ForgotPasswordState } from "./actions";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordState, FormData>(askForReset, {
    error: null,
    sentTo: null,
  });
  if (state.sentTo) {
    return (
      <p role="status" className="text-sm text-slate-800">
        If an account uses <strong className="break-all">{state.sentTo}</strong>, we have sent it a link to choose a new
        password. The link works for one hour. Check your spam folder if nothing arrives within a few minutes.
      </p>
    );
  }
  return (
    <form action={action} noValidate className="space-y-5">
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={320}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "email-error" : undefined}
          className={inputClass}
        />
        {state.error && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {state.error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Sending…" : "Email me a link"}
      </button>
    </form>
  );
}
