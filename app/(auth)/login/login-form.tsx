"use client";

import { useActionState } from "react";
import { login, type LoginState } from "./actions";

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {
    error: null,
    challenge: null,
    email: "",
  });
  if (state.challenge) {
    return (
      <form action={action} className="space-y-5">
        <input type="hidden" name="challenge" value={state.challenge} />
        <div>
          <h2 className="text-base font-semibold">Two-step verification</h2>
          <p className="mt-1 text-sm text-slate-700">
            Enter the 6-digit code your authenticator app shows for this account. Lost your phone? Enter one of your
            recovery codes instead.
          </p>
        </div>
        {state.error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.error}
          </p>
        )}
        <div>
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            Authentication code
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={20}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base tracking-widest shadow-sm focus:border-brand-600"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? "Checking…" : "Verify and sign in"}
        </button>
      </form>
    );
  }
  return (
    <form action={action} className="space-y-5">
      {state.error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{state.error}</p>
          {state.contacts && state.contacts.length > 0 && (
            <ul className="mt-1 list-disc pl-5" aria-label="Your hospital's administrators">
              {state.contacts.map((contact) => (
                <li key={contact.email}>
                  {contact.name},{" "}
                  <a href={`mailto:${contact.email}`} className="break-all font-medium underline">
                    {contact.email}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          required
          maxLength={320}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
