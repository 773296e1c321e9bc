"use client";

import { useActionState, useEffect, useId, useState } from "react";
import type { PasswordVerdict } from "@/server/auth/password-policy";

/** What a password form's server action answers: an error with the policy's problems, or a note when done. */
export interface NewPasswordState {
  error: string | null;
  problems: string[];
  done?: string | null;
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm";
const strength = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
const barColour = ["bg-red-600", "bg-red-500", "bg-amber-500", "bg-green-600", "bg-green-700"];

/**
 * A new password with the policy's verdict shown while the person types, and the same again: for an
 * invitation, a reset link, or a change in the profile (which also asks for the current password).
 */
export function NewPasswordForm(props: {
  action: (previous: NewPasswordState, formData: FormData) => Promise<NewPasswordState>;
  personal: string[];
  submitLabel: string;
  pendingLabel: string;
  askCurrentPassword?: boolean;
}) {
  const { personal } = props;
  const [state, action, pending] = useActionState<NewPasswordState, FormData>(props.action, {
    error: null,
    problems: [],
  });
  const [password, setPasswordValue] = useState("");
  const [confirm, setConfirm] = useState("");
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const hintId = useId();

  useEffect(() => {
    let cancelled = false;
    // The dictionaries are large: loaded on first use, and the check runs off the keystroke.
    const timer = setTimeout(() => {
      void import("@/server/auth/password-policy").then(({ judgePassword }) => {
        if (!cancelled) setVerdict(password ? judgePassword(password, personal) : null);
      });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, personal]);

  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <form action={action} className="mt-5 space-y-4">
      {state.error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{state.error}</p>
          {state.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.done && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.done}
        </p>
      )}
      {props.askCurrentPassword && (
        <div>
          <label htmlFor="current" className="block text-sm font-medium text-slate-800">
            Current password
          </label>
          <input
            id="current"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            className={inputClass}
          />
        </div>
      )}
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          New password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={256}
          value={password}
          onChange={(e) => setPasswordValue(e.target.value)}
          aria-describedby={hintId}
          className={inputClass}
        />
        <div id={hintId} className="mt-2 text-sm" aria-live="polite">
          {verdict ? (
            <>
              <div className="flex items-center gap-2">
                <div className="h-2 flex-1 rounded bg-slate-200" aria-hidden>
                  <div
                    className={`h-2 rounded ${barColour[verdict.score]}`}
                    style={{ width: `${((verdict.score + 1) / 5) * 100}%` }}
                  />
                </div>
                <span className="w-24 text-right text-slate-700">{strength[verdict.score]}</span>
              </div>
              {verdict.ok ? (
                <p className="mt-1 text-green-800">Good: this password meets the policy.</p>
              ) : (
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {verdict.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p className="text-slate-600">
              At least 12 characters, and hard to guess: a few unrelated words work well.
            </p>
          )}
        </div>
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-800">
          The same password again
        </label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={mismatch || undefined}
          className={inputClass}
        />
        {mismatch && <p className="mt-1 text-sm text-red-700">The two passwords are not the same yet.</p>}
      </div>
      <button
        type="submit"
        disabled={pending || !verdict?.ok || mismatch || !confirm}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-50"
      >
        {pending ? props.pendingLabel : props.submitLabel}
      </button>
    </form>
  );
}
